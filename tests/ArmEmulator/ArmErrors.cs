using CloudMigration.Engine.Errors;

namespace CloudMigration.ArmEmulator;

/// <summary>The local engine's errors as ADF's REST API answers them (status and ARM code).</summary>
internal static class ArmErrors
{
    public static ArmResult From(CmException error, ArmRoute? route)
    {
        var message = error.Message;
        return error.ErrorId switch
        {
            ErrorIds.FactoryNotFound => FactoryNotFound(route),
            ErrorIds.IntegrationRuntimeNotFound or ErrorIds.ResourceNotFound or ErrorIds.PipelineRunNotFound =>
                ArmResult.Error(404, "NotFound", message, Target(error)),
            ErrorIds.ResourceInUse or ErrorIds.IntegrationRuntimeInUse =>
                ArmResult.Error(400, "BadRequest", $"The document cannot be deleted since it is referenced by another document. {message}", Target(error)),
            ErrorIds.PipelineInvalid or ErrorIds.ExpressionInvalid => ArmResult.Error(400, CodePrefix(message) ?? "BadRequest", message, Target(error)),
            ErrorIds.ResourceNameInvalid or ErrorIds.IntegrationRuntimeNameInvalid or ErrorIds.FactoryNameInvalid or ErrorIds.NodeNameInvalid =>
                ArmResult.Error(400, "InvalidResourceName", message, Target(error)),
            ErrorIds.AuthKeyNameInvalid or ErrorIds.AuthKeyInvalid => ArmResult.Error(400, "BadRequest", message, null),
            ErrorIds.NodeLimitReached or ErrorIds.FactoryExists or ErrorIds.FactoryInUse => ArmResult.Error(409, "Conflict", message, Target(error)),
            ErrorIds.FactoryStoreUnavailable => ArmResult.Error(503, "ServiceUnavailable", message, null),
            _ => ArmResult.Error(500, "InternalServerError", $"{error.ErrorId}: {message}", null),
        };
    }

    /// <summary>ARM's answer for a factory (or a child of one) that does not exist.</summary>
    public static ArmResult FactoryNotFound(ArmRoute? route) =>
        ArmResult.Error(404, "ResourceNotFound",
            $"The Resource 'Microsoft.DataFactory/factories/{route?.Factory}' under resource group '{route?.ResourceGroup}' was not found.");

    public static ArmResult BadRequest(string message) => ArmResult.Error(400, "BadRequest", message);

    private static string? Target(CmException error) => error.TargetObject as string;

    // The validator writes "BadRequest: ..." and "InvalidTemplate: ...", as ADF's messages start.
    private static string? CodePrefix(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && message[..colon].All(char.IsAsciiLetter) ? message[..colon] : null;
    }
}
