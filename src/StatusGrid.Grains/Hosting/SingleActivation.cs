namespace StatusGrid.Grains.Hosting;

public static class SingleActivation
{
    /// <summary>
    /// Orleans' default grain directory is eventually consistent: while a dead silo's directory partition is being
    /// rebuilt, a call can create a second activation of a grain that still lives on a survivor. Two activations of a
    /// partner grain push from two backlogs, and the chaos run (load/ chaos --silos 3) caught exactly that: a partner
    /// received a PATCH older than one it already held, after a silo kill. The strongly consistent in-cluster
    /// directory (versioned range locks, no external store) never lets two activations exist, which is what our
    /// single-writer grains (EVSE, location, partner) assume. It is marked experimental in Orleans 10, hence the
    /// pragma; every silo of a cluster must use the same directory.
    /// </summary>
    public static ISiloBuilder UseStrongGrainDirectory(this ISiloBuilder silo)
    {
#pragma warning disable ORLEANSEXP003 // Experimental API: chosen deliberately, see the summary.
        return silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
    }
}
