using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;

namespace EPlanNacc.Host.Infrastructure;

/// <summary>Where requests come from (docs/adr/0020-sign-in-and-session-attacks.md).</summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "Network";

    /// <summary>The reverse proxies (TLS terminators, load balancers) in front of the application, whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: addresses or networks (CIDR), separated by
    /// commas or spaces (<c>EPLAN_TRUSTED_PROXIES</c>). Empty (the default): none, and those headers are ignored
    /// from anyone, so that no client chooses its own address for the audit trail and the rate limits.</summary>
    public string TrustedProxies { get; set; } = "";

    public IReadOnlyList<string> Entries =>
        TrustedProxies.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Entries.Where(e => !(e.Contains('/') ? System.Net.IPNetwork.TryParse(e, out _) : IPAddress.TryParse(e, out _)))
            .Select(e => new ValidationResult(
                $"Network:TrustedProxies: '{e}' is neither an IP address nor a network such as 10.0.0.0/8."));
}

/// <summary>The client's address, as the audit trail records it and the rate limits count it. The connection's
/// address, or, only when the connection comes from a configured proxy (<see cref="NetworkOptions.TrustedProxies"/>),
/// the one that proxy forwards: the forwarded chain is read from the right while each hop is a trusted proxy, so a
/// client that writes its own <c>X-Forwarded-For</c> gains nothing. An IPv4 client written as an IPv6-mapped address
/// is its IPv4 address.</summary>
public static class ClientAddresses
{
    public static IServiceCollection AddAppClientAddresses(this IServiceCollection services,
        IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // after every other configuration, ASPNETCORE_FORWARDEDHEADERS_ENABLED's included (which would believe anyone)
        services.AddOptions<ForwardedHeadersOptions>()
            .PostConfigure<Microsoft.Extensions.Options.IOptions<NetworkOptions>>((o, network) =>
                Trust(o, network.Value));
        return services;
    }

    /// <summary>Sets <paramref name="o"/> to believe the forwarded headers of <paramref name="network"/>'s proxies
    /// alone, and none at all when it names none.</summary>
    public static void Trust(ForwardedHeadersOptions o, NetworkOptions network)
    {
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        // empty lists would mean "anyone" to the middleware: with no proxy, nothing is forwarded at all
        o.ForwardedHeaders = network.Entries.Count == 0
            ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        o.ForwardLimit = null; // as many hops as are trusted proxies, and no further
        foreach (var entry in network.Entries)
        {
            if (entry.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            else o.KnownProxies.Add(IPAddress.Parse(entry));
        }
    }

    /// <summary>The client's address (IPv4-mapped addresses as IPv4), or null when unknown.</summary>
    public static IPAddress? Of(HttpContext context) => context.Connection.RemoteIpAddress is { } address
        ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
        : null;

    /// <summary>The client's address as text, for the audit trail.</summary>
    public static string? TextOf(HttpContext context) => Of(context)?.ToString();

    /// <summary>The client as the rate limits count it: its IPv4 address, or its IPv6 /64 network (one customer's
    /// network, whose host part the client chooses at will).</summary>
    public static string PartitionOf(HttpContext context)
    {
        var address = Of(context);
        if (address is null) return "unknown";
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
