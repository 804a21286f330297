namespace StatusGrid.Ocpi.Transport;

/// <summary>A partner URL resolved only to addresses <see cref="PartnerAddressPolicy"/> refuses.</summary>
public sealed class PartnerAddressNotAllowedException : IOException
{
    public PartnerAddressNotAllowedException()
        : base("address not allowed")
    {
    }

    public PartnerAddressNotAllowedException(string message)
        : base(message)
    {
    }

    public PartnerAddressNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
