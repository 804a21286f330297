namespace StatusGrid.Ocpi.Validation;

/// <summary>Builds the snake_case JSON paths used in <see cref="OcpiValidationError.Path"/>.</summary>
internal static class JsonPaths
{
    public static string Field(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The last property name in a path, for messages ("evses[0].uid" → "uid", "[2]" → "").</summary>
    public static string Leaf(string path)
    {
        var end = path.Length;
        while (end > 0 && path[end - 1] == ']')
        {
            end = path.LastIndexOf('[', end - 1);
        }

        var start = path.LastIndexOf('.', Math.Max(end - 1, 0)) + 1;
        return end <= start ? string.Empty : path[start..end];
    }
}
