namespace StatusGrid.AllocationReport;

/// <summary>How the report names where an allocation happened, from the method names on its stack (innermost first).</summary>
public static class AllocationSites
{
    /// <summary>The frame that allocated and the nearest frame of our own code ("A ← B"): which of our calls to change.</summary>
    public static string Site(IEnumerable<string?> methodsInnermostFirst)
    {
        string? first = null;
        foreach (var raw in methodsInnermostFirst)
        {
            var method = Shorten(raw);
            if (method.Length == 0)
            {
                continue;
            }

            first ??= method;
            if (method.StartsWith("StatusGrid.", StringComparison.Ordinal))
            {
                return method == first ? method : $"{first} ← {method}";
            }
        }

        return first ?? "(no stack)";
    }

    /// <summary>"Ns.Type+&lt;Method&gt;d__12.MoveNext(args)" → "Ns.Type.Method"; other names lose their parameter list.</summary>
    public static string Shorten(string? method)
    {
        if (string.IsNullOrEmpty(method))
        {
            return "";
        }

        var name = method;
        var paren = name.IndexOf('(');
        if (paren > 0)
        {
            name = name[..paren];
        }

        var open = name.IndexOf("+<", StringComparison.Ordinal);
        if (open > 0 && name.IndexOf(">d__", open, StringComparison.Ordinal) is var close and > 0)
        {
            name = name[..open] + "." + name[(open + 2)..close];
        }

        return name;
    }
}
