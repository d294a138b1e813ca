using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Facts;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Planning;

/// <summary>
/// Builds the table plan from facts already in memory: for each company and mapping, the destination's
/// SQL name, the copy method and why, the key, the column mapping and the estimates. Pure and fast:
/// no database access, so the benchmark measures exactly this.
/// </summary>
public static class TablePlanner
{
    private const string CompanyColumn = "CpnyID";

    public static IReadOnlyList<TablePlanEntry> Plan(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entries = new List<TablePlanEntry>(input.Companies.Count * input.Mappings.Mappings.Count);
        // Catalog row counts (SQL Server) are shared out over the active companies of a database, selected or not.
        var companiesPerDatabase = input.Source.Companies.Where(c => c.Active).GroupBy(c => c.ApplicationDatabase, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var destinationCompanies = new HashSet<string>(input.Destination.Companies.Select(c => c.Name), StringComparer.Ordinal);
        var alignments = new AlignmentCache();
        // Companies whose names become the same SQL name would write into the same Business Central tables.
        var sharedSqlNames = input.Companies.GroupBy(c => Products.BusinessCentral.BcNaming.SqlSafe(c.Id), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).SelectMany(g => g.Select(c => (c.Id, Others: string.Join(", ", g.Where(o => !ReferenceEquals(o, c)).Select(o => o.Id)))))
            .ToDictionary(x => x.Id, x => x.Others, StringComparer.Ordinal);
        foreach (var company in input.Companies)
        {
            var database = input.Source.ApplicationDatabase(company.ApplicationDatabase);
            var companyExists = destinationCompanies.Contains(company.Id);
            foreach (var mapping in input.Mappings.Mappings)
            {
                var entry = PlanOne(input, alignments, company, database, companyExists, mapping, companiesPerDatabase.GetValueOrDefault(company.ApplicationDatabase, 1));
                entries.Add(sharedSqlNames.TryGetValue(company.Id, out var others) ? SharedTables(entry, others) : entry);
            }
        }

        return entries;
    }

    private static TablePlanEntry PlanOne(PlanInput input, AlignmentCache alignments, SlCompanyFacts company, DatabaseFacts? database, bool companyExists, TableMapping mapping, int companiesInDatabase)
    {
        var destinationName = mapping.SqlName(company.Id);
        var source = database?.Table(mapping.SourceTable);
        if (database is null || source is null)
        {
            return new TablePlanEntry
            {
                Company = company.Id,
                SourceDatabase = company.ApplicationDatabase,
                SourceTable = mapping.SourceTable,
                DestinationTable = destinationName,
                CopyMethod = CopyMethod.Skip,
                Reason = database is null ? "The application database could not be read." : "The source table does not exist.",
                KeyColumns = NameList.Empty,
                Columns = ColumnMappingList.Empty,
                FilteredByCompany = false,
                Status = PlanStatus.Warning,
                Code = 50004,
                Notes = database is null
                    ? $"'{company.ApplicationDatabase}' is missing or unreadable" +
                      (input.Source.ApplicationDatabaseProblems.TryGetValue(company.ApplicationDatabase, out var problem) ? ": " + problem : ".") + " Run Test-CmCompatibility."
                    : $"{mapping.SourceTable} is not in '{database.Name}'; it is skipped (50004).",
                CustomMapping = mapping.IsCustom,
            };
        }

        var destination = input.Destination.Database.Table(destinationName)?.Schema;
        var notes = new List<string>();
        var status = PlanStatus.Ready;
        int? code = null;
        if (destination is null && companyExists)
        {
            status = PlanStatus.Error;
            code = 50011;
            notes.Add($"The destination table '{destinationName}' does not exist.");
        }
        else if (destination is null)
        {
            notes.Add($"The company '{company.Id}' does not exist in the destination yet; setup creates it.");
            if (mapping.IsCustom)
            {
                status = PlanStatus.Warning;
                notes.Add("The custom destination table is checked once the company exists.");
            }
        }

        var (method, reason) = ChooseMethod(database, source);
        var alignment = alignments.Get(source.Schema, destination);
        if (alignment.Mismatches.Count > 0)
        {
            status = PlanStatus.Error;
            code = 50011;
            notes.Add("Schema mismatch (50011): " + string.Join(" ", alignment.Mismatches));
        }

        var filtered = source.Column(CompanyColumn) is not null;
        var (rows, sizeMB) = Estimate(source, company, filtered, companiesInDatabase);
        return new TablePlanEntry
        {
            Company = company.Id,
            SourceDatabase = database.Name,
            SourceTable = source.Name,
            DestinationTable = destinationName,
            CopyMethod = status == PlanStatus.Error && destination is null ? CopyMethod.Skip : method,
            Reason = reason,
            KeyColumns = alignment.KeyColumns,
            Columns = alignment.Columns,
            FilteredByCompany = filtered,
            EstimatedRows = rows,
            EstimatedSizeMB = sizeMB,
            Status = status,
            Code = code,
            Notes = string.Join(" ", notes),
            CustomMapping = mapping.IsCustom,
        };
    }

    private static TablePlanEntry SharedTables(TablePlanEntry entry, string others) => entry with
    {
        Status = PlanStatus.Error,
        Notes = $"Company {entry.Company} shares its Business Central table names with {others}; plan only one of them (see the DestinationCompany check). {entry.Notes}".TrimEnd(),
    };

    /// <summary>Delta where change tracking covers the table with a retention; Full otherwise, with the reason.</summary>
    public static (CopyMethod Method, string Reason) ChooseMethod(DatabaseFacts database, TableFacts table)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(table);
        if (database.ChangeTracking is null)
        {
            return (CopyMethod.Full, "The SQLite source has no change log yet (setup installs it); until then every run copies the table in full.");
        }

        if (database.ChangeTracking == false)
        {
            return (CopyMethod.Full, $"Change tracking is off for '{database.Name}'.");
        }

        if (table.ChangeTracked != true && table.Schema.PrimaryKey.Count == 0)
        {
            return (CopyMethod.Full, $"{table.Name} has no primary key, so change tracking cannot follow its rows; every run copies it in full.");
        }

        if (table.ChangeTracked != true)
        {
            return (CopyMethod.Full, $"Change tracking is off for {table.Name}.");
        }

        if (database.Retention is not { } retention || retention <= TimeSpan.Zero)
        {
            return (CopyMethod.Full, $"The change tracking retention of '{database.Name}' is not set.");
        }

        return (CopyMethod.Delta, $"Change tracking covers {table.Name} (retention {database.RetentionPeriod} {database.RetentionUnits}); the first run copies in full.");
    }

    /// <summary>Source columns (tstamp dropped) mapped to destination columns by name, case-insensitively.</summary>
    public static ColumnMappingList MapColumns(TableSchema source, TableSchema? destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        Dictionary<string, ColumnSchema>? byName = null;
        if (destination is not null)
        {
            // TryAdd: a case-sensitive database could hold two columns differing only in case; the first wins, as in ColumnAlignment.
            byName = new Dictionary<string, ColumnSchema>(destination.Columns.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var c in destination.Columns)
            {
                byName.TryAdd(c.Name, c);
            }
        }

        var result = new List<ColumnMapping>(source.Columns.Count);
        foreach (var column in source.Columns)
        {
            if (string.Equals(column.Name, ColumnAlignment.IgnoredColumn, StringComparison.OrdinalIgnoreCase) || SqlType.Parse(column.SqlType).Family == SqlTypeFamily.RowVersion)
            {
                continue;
            }

            if (byName is null)
            {
                result.Add(new ColumnMapping(column.Name, column.Name, column.SqlType, string.Empty));
            }
            else if (byName.TryGetValue(column.Name, out var target))
            {
                result.Add(new ColumnMapping(column.Name, target.Name, column.SqlType, target.SqlType));
            }
        }

        return new ColumnMappingList(result);
    }

    private static (long? Rows, double? SizeMB) Estimate(TableFacts table, SlCompanyFacts company, bool filtered, int companiesInDatabase)
    {
        long? rows = table.RowsByCompany is { } counted
            ? (filtered ? counted.GetValueOrDefault(company.Id) : counted.Values.Sum())
            : table.RowCount is { } total ? (filtered ? total / Math.Max(1, companiesInDatabase) : total) : null;

        double? size = null;
        if (rows is { } n)
        {
            var bytes = table.SizeBytes is { } reserved && table.RowCount is > 0 ? reserved * (double)n / table.RowCount.Value : n * (double)RowWidth(table.Schema);
            size = Math.Round(bytes / (1024 * 1024), 3, MidpointRounding.AwayFromZero);
        }

        return (rows, size);
    }

    /// <summary>Bytes a row takes in the declared types (an estimate where the provider reports no sizes).</summary>
    public static int RowWidth(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var width = 0;
        foreach (var column in schema.Columns)
        {
            var type = SqlType.Parse(column.SqlType);
            width += type.Name switch
            {
                "nchar" or "nvarchar" => 2 * Math.Max(1, type.Length is { } n and > 0 ? n : 50),
                "char" or "varchar" or "binary" or "varbinary" => Math.Max(1, type.Length is { } n and > 0 ? n : 100),
                "bit" or "tinyint" => 1,
                "smallint" => 2,
                "int" or "integer" or "real" or "smalldatetime" or "date" => 4,
                "bigint" or "float" or "double" or "datetime" or "money" or "timestamp" or "rowversion" or "datetime2" => 8,
                "decimal" or "numeric" => 17,
                "uniqueidentifier" => 16,
                _ => 16,
            };
        }

        return width;
    }
}
