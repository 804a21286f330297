namespace StatusGrid.Server.Hosting;

public enum ClusterMode
{
    Localhost,
    AdoNet,
}
