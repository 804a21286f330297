using Microsoft.Extensions.Options;

namespace StatusGrid.Server.Tests;

/// <summary>Options that never change, for a class under test that reads an <see cref="IOptionsMonitor{T}"/>.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
