using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// The source login is sysadmin on the server and db_owner in every source database; the destination
/// login is db_owner of the tenant database. Without them setup fails with "EXECUTE permission was denied".
/// </summary>
public sealed class PermissionRule : ICompatibilityRule
{
    public string Check => "Permissions";

    public int? Code => null;

    public string Description => "The source login is sysadmin on the server and db_owner in every source database; the destination login is db_owner.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is { } source)
        {
            if (!source.Server.IsSqlServer)
            {
                yield return this.NotApplicable(context.SourceTarget, CompatibilityTargetType.Source, "SQLite has no logins or roles; file access was checked by opening each database.");
            }
            else
            {
                var login = source.Server.LoginName ?? "the login";
                if (source.Server.IsAzureSqlDatabase)
                {
                    yield return this.NotApplicable(context.SourceTarget, CompatibilityTargetType.Source, "Azure SQL Database has no sysadmin role; db_owner is checked per database.");
                }
                else if (source.Server.IsSysadmin == true)
                {
                    yield return this.Result(CompatibilityStatus.Passed, context.SourceTarget, CompatibilityTargetType.Source, $"'{login}' is sysadmin.");
                }
                else
                {
                    yield return this.Result(CompatibilityStatus.Failed, context.SourceTarget, CompatibilityTargetType.Source,
                        $"'{login}' is not a member of the sysadmin server role; setup creates stored procedures and enables change tracking, and fails with 'EXECUTE permission was denied'.",
                        $"ALTER SERVER ROLE [sysadmin] ADD MEMBER {SourceDatabases.Quote(login)};");
                }

                foreach (var database in SourceDatabases.All(source))
                {
                    yield return DbOwner(database, login, CompatibilityTargetType.Database);
                }
            }
        }

        if (context.Destination is { } destination)
        {
            if (!destination.Server.IsSqlServer)
            {
                yield return this.NotApplicable(context.DestinationTarget, CompatibilityTargetType.Destination, "SQLite has no logins or roles.");
            }
            else
            {
                yield return DbOwner(destination.Database, destination.Server.LoginName ?? "the login", CompatibilityTargetType.Destination);
            }
        }
    }

    private CompatibilityResult DbOwner(DatabaseFacts database, string login, CompatibilityTargetType type) => database.IsDbOwner == true
        ? this.Result(CompatibilityStatus.Passed, database.Name, type, $"'{login}' is db_owner of '{database.Name}'.")
        : this.Result(CompatibilityStatus.Failed, database.Name, type,
            $"'{login}' is not db_owner of '{database.Name}'.",
            $"USE {SourceDatabases.Quote(database.Name)}; ALTER ROLE [db_owner] ADD MEMBER {SourceDatabases.Quote(login)};");
}
