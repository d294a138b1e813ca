using CloudMigration.Engine.Factories.Azure;

namespace CloudMigration.Engine.Factories;

/// <summary>Rows of azure_factories: registrations of Azure data factories (the secret of a service principal encrypted).</summary>
internal static class AzureFactoryRows
{
    private const string Columns = "name, resource_id, endpoint, pinned_sha256, sign_in, tenant_id, client_id, client_secret, registered";

    public static void Insert(StoreConnection db, FactoryStore store, AzureFactoryRegistration registration)
    {
        string? secret = null;
        if (registration.SignIn is { Method: AzureSignInMethod.ServicePrincipal, Secret: { } value })
        {
            var plain = SecureStrings.ToUtf8(value);
            try
            {
                secret = store.Protector.ProtectBytes(plain, SecretContext(registration.Name));
            }
            finally
            {
                SecureStrings.Clear(plain);
            }
        }

        db.Execute($"INSERT INTO azure_factories ({Columns}) VALUES ($n, $r, $e, $p, $s, $t, $c, $x, $at);",
            ("$n", registration.Name), ("$r", registration.ResourceId), ("$e", registration.Endpoint.AbsoluteUri), ("$p", registration.PinnedCertificateSha256),
            ("$s", registration.SignIn.Method.ToString()), ("$t", registration.SignIn.TenantId), ("$c", registration.SignIn.ClientId), ("$x", secret),
            ("$at", StoreTime.ToMs(registration.Registered)));
    }

    public static AzureFactoryRegistration? Find(StoreConnection db, FactoryStore store, string name) =>
        db.Query($"SELECT {Columns} FROM azure_factories WHERE name = $n;", r => Read(r, store), ("$n", name)).FirstOrDefault();

    public static List<AzureFactoryRegistration> All(StoreConnection db, FactoryStore store) =>
        db.Query($"SELECT {Columns} FROM azure_factories ORDER BY name;", r => Read(r, store));

    public static int Delete(StoreConnection db, string name) => db.Execute("DELETE FROM azure_factories WHERE name = $n;", ("$n", name));

    private static AzureFactoryRegistration Read(Microsoft.Data.Sqlite.SqliteDataReader r, FactoryStore store)
    {
        var name = r.GetString(0);
        System.Security.SecureString? secret = null;
        if (!r.IsDBNull(7))
        {
            var plain = store.Protector.UnprotectBytes(r.GetString(7), SecretContext(name));
            try
            {
                secret = SecureStrings.FromUtf8(plain);
            }
            finally
            {
                SecureStrings.Clear(plain);
            }
        }

        return new AzureFactoryRegistration
        {
            Name = name,
            ResourceId = r.GetString(1),
            Endpoint = new Uri(r.GetString(2)),
            PinnedCertificateSha256 = r.IsDBNull(3) ? null : r.GetString(3),
            SignIn = new AzureSignIn
            {
                Method = Enum.Parse<AzureSignInMethod>(r.GetString(4)),
                TenantId = r.IsDBNull(5) ? null : r.GetString(5),
                ClientId = r.IsDBNull(6) ? null : r.GetString(6),
                Secret = secret,
            },
            Registered = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
        };
    }

    private static string SecretContext(string factory) => "azure-factory-secret:" + factory.ToUpperInvariant();
}
