using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using StatusGrid.Contracts.Locations;
using StatusGrid.Server.Tests.Ingest;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>
/// Puts the silo's own <see cref="IGrainFactory"/> behind one that fails the Location grains of chosen keys, so an
/// HTTP route meets a cluster fault without a cluster: keys containing <c>DOWN</c> fail as a dead silo does
/// (<see cref="SiloUnavailableException"/>), <c>LATE</c> as an unanswered call (Orleans' <see cref="TimeoutException"/>),
/// <c>BUG</c> as a fault of our own code, <c>HANG</c> as a grain on a silo that stopped answering (a call that never
/// completes: Orleans would end it only after its 30-s response timeout). Every other call goes to the real factory.
/// </summary>
public static class FaultyLocationGrains
{
    /// <summary>Orleans registers its factory while the host is built, after a test's own registrations: wrap it then.</summary>
    public static void Install(WebApplicationBuilder builder) => builder.Host.UseServiceProviderFactory(new Wrapping());

    private sealed class Wrapping : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services)
        {
            var real = services.Last(s => s.ServiceType == typeof(IGrainFactory));
            services.AddSingleton(sp => Wrap((IGrainFactory)Resolve(real, sp)));
            return services;
        }

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) =>
            new DefaultServiceProviderFactory().CreateServiceProvider(containerBuilder);
    }

    private static object Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private static IGrainFactory Wrap(IGrainFactory real) => ScriptedGrains.Proxy<IGrainFactory>((method, args) =>
        method is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && method.GetGenericArguments()[0] == typeof(ILocationGrain)
            && args[0] is string key && (FaultFor(key) is not null || key.Contains("HANG", StringComparison.Ordinal))
            ? ScriptedGrains.Proxy<ILocationGrain>((grainMethod, _) => FaultFor(key) is { } fault ? Failed(grainMethod.ReturnType, fault) : Pending(grainMethod.ReturnType))
            : Forward(method, real, args));

    private static Exception? FaultFor(string key) =>
        key.Contains("DOWN", StringComparison.Ordinal) ? new SiloUnavailableException($"Silo S127.0.0.1:11112:1 is unavailable (scripted for {key}).")
        : key.Contains("LATE", StringComparison.Ordinal) ? new TimeoutException($"Response did not arrive on time in 00:00:30 (scripted for {key}).")
        : key.Contains("BUG", StringComparison.Ordinal) ? new InvalidOperationException($"A fault of our own code (scripted for {key}).")
        : null;

    /// <summary>A faulted Task or Task&lt;T&gt; of the method's return type, as a grain call that failed returns.</summary>
    private static object Failed(Type returnType, Exception fault)
    {
        if (!returnType.IsGenericType)
        {
            return Task.FromException(fault);
        }

        var fromException = typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod);
        return fromException.MakeGenericMethod(returnType.GetGenericArguments()[0]).Invoke(null, [fault])!;
    }

    /// <summary>A Task or Task&lt;T&gt; of the method's return type that never completes.</summary>
    private static object Pending(Type returnType)
    {
        var result = returnType.IsGenericType ? returnType.GetGenericArguments()[0] : typeof(object);
        var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(result))!;
        return source.GetType().GetProperty(nameof(TaskCompletionSource<object>.Task))!.GetValue(source)!;
    }

    private static object? Forward(MethodInfo method, object target, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
