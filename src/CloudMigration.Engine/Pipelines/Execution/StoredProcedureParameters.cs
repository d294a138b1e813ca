using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>storedProcedureParameters ({"name": {"value": ..., "type": "String|Int|Int64|Decimal|Guid|Boolean|Date"}}) as command parameters and as values.</summary>
internal static class StoredProcedureParameters
{
    /// <summary>The values by name (without '@'), for a C# procedure.</summary>
    public static Dictionary<string, JsonNode?> Values(JsonObject? parameters)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, spec) in parameters ?? [])
        {
            values[name.TrimStart('@')] = (spec as JsonObject)?["value"]?.DeepClone();
        }

        return values;
    }

    /// <summary>Adds the parameters to a command, typed as the activity says.</summary>
    public static void AddTo(DbCommand command, JsonObject? parameters)
    {
        foreach (var (name, spec) in parameters ?? [])
        {
            var obj = spec as JsonObject;
            var type = AdfJson.GetString(obj, "type") ?? "String";
            var parameter = command.CreateParameter();
            parameter.ParameterName = name.StartsWith('@') ? name : "@" + name;
            (parameter.DbType, parameter.Value) = Convert(name, type, obj?["value"]);
            command.Parameters.Add(parameter);
        }
    }

    private static (DbType, object) Convert(string name, string type, JsonNode? value)
    {
        if (ExpressionValues.IsNull(value))
        {
            return (TypeOf(type), DBNull.Value);
        }

        var text = ExpressionValues.ToText(value);
        try
        {
            return type.ToUpperInvariant() switch
            {
                "INT" => (DbType.Int32, int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)),
                "INT64" => (DbType.Int64, long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)),
                "DECIMAL" => (DbType.Decimal, decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
                "GUID" => (DbType.Guid, Guid.Parse(text)),
                "BOOLEAN" => (DbType.Boolean, ExpressionValues.TryGetBoolean(value, out var flag) ? flag : bool.Parse(text)),
                "DATE" => (DbType.DateTime, DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
                _ => (DbType.String, text),
            };
        }
        catch (FormatException)
        {
            throw new ActivityFailure("InvalidParameterValue", $"The stored procedure parameter '{name}' is declared {type}, but its value '{text}' is not a {type}.");
        }
        catch (OverflowException)
        {
            throw new ActivityFailure("InvalidParameterValue", $"The stored procedure parameter '{name}' is declared {type}, but its value '{text}' is out of range.");
        }
    }

    private static DbType TypeOf(string type) => type.ToUpperInvariant() switch
    {
        "INT" => DbType.Int32,
        "INT64" => DbType.Int64,
        "DECIMAL" => DbType.Decimal,
        "GUID" => DbType.Guid,
        "BOOLEAN" => DbType.Boolean,
        "DATE" => DbType.DateTime,
        _ => DbType.String,
    };
}
