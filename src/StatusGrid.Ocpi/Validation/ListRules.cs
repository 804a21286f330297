namespace StatusGrid.Ocpi.Validation;

/// <summary>Walks optional OCPI lists, giving each item its indexed path.</summary>
internal static class ListRules
{
    public static void Each<T>(ValidationContext ctx, string path, IReadOnlyList<T>? items, Action<ValidationContext, string, T> validate)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = JsonPaths.Item(path, i);
            if (items[i] is null)
            {
                ctx.Add(itemPath, $"'{JsonPaths.Leaf(path)}' must not contain null");
                continue;
            }

            validate(ctx, itemPath, items[i]);
        }
    }

    /// <summary>Cardinality '+': present and not empty.</summary>
    public static bool NotEmpty<T>(ValidationContext ctx, string path, IReadOnlyList<T>? items)
    {
        if (items is null)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' is required");
            return false;
        }

        if (items.Count == 0)
        {
            ctx.Add(path, $"'{JsonPaths.Leaf(path)}' must contain at least one item");
            return false;
        }

        return true;
    }

    /// <summary>Reports every item whose key (case-insensitive, as for CiString ids) repeats an earlier one.</summary>
    public static void UniqueKeys<T>(ValidationContext ctx, string path, IReadOnlyList<T>? items, Func<T, string?> key, string keyName)
    {
        if (items is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var value = items[i] is null ? null : key(items[i]);
            if (value is not null && !seen.Add(value))
            {
                ctx.Add(JsonPaths.Field(JsonPaths.Item(path, i), keyName), $"'{keyName}' '{value}' is not unique within '{JsonPaths.Leaf(path)}'");
            }
        }
    }
}
