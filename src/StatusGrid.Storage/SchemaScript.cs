namespace StatusGrid.Storage;

/// <summary>One embedded migration script; <see cref="Version"/> is the number its file name starts with.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
