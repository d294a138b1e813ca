using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>Database values as JSON (Lookup and Script outputs), and JSON values as database parameters.</summary>
internal static class RowValues
{
    public static JsonObject ReadRow(DbDataReader reader)
    {
        var row = new JsonObject();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = ToJson(reader.IsDBNull(i) ? null : reader.GetValue(i));
        }

        return row;
    }

    public static JsonNode? ToJson(object? value) => value switch
    {
        null or DBNull => null,
        string text => JsonValue.Create(text),
        char c => JsonValue.Create(c.ToString()),
        bool flag => JsonValue.Create(flag),
        byte or sbyte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong big => JsonValue.Create((decimal)big),
        float f => Finite(f),
        double d => Finite(d),
        decimal m => JsonValue.Create(m),
        DateTime dt => JsonValue.Create(dt.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("o", CultureInfo.InvariantCulture)),
        TimeSpan ts => JsonValue.Create(ts.ToString("c", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString("D")),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>A JSON value as a parameter value: strings, numbers (long, else decimal, else double), booleans; objects and arrays as JSON text.</summary>
    public static object? ToParameter(JsonNode? node)
    {
        if (ExpressionValues.IsNull(node))
        {
            return null;
        }

        if (ExpressionValues.IsString(node, out var text))
        {
            return text;
        }

        if (ExpressionValues.TryGetBoolean(node, out var flag))
        {
            return flag;
        }

        if (ExpressionValues.TryGetInteger(node, out var integer))
        {
            return integer;
        }

        if (ExpressionValues.IsNumber(node))
        {
            var json = node!.ToJsonString();
            return decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.Parse(json, CultureInfo.InvariantCulture);
        }

        return node!.ToJsonString(AdfJson.Compact);
    }

    private static JsonNode Finite(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
}
