namespace CloudMigration.Engine.Setup;

/// <summary>What a file of Export-CmPipeline holds.</summary>
public enum ExportedFileKind
{
    /// <summary>integrationRuntime/&lt;name&gt;.json: a self-hosted integration runtime.</summary>
    IntegrationRuntime,

    /// <summary>linkedService/&lt;name&gt;.json</summary>
    LinkedService,

    /// <summary>dataset/&lt;name&gt;.json</summary>
    Dataset,

    /// <summary>pipeline/&lt;name&gt;.json</summary>
    Pipeline,

    /// <summary>arm-template.json: the ARM deployment template of every entity.</summary>
    ArmTemplate,

    /// <summary>arm-template.parameters.json: the template's parameters (the factory name; secrets left empty).</summary>
    ArmTemplateParameters,
}

/// <summary>A file Export-CmPipeline writes (or, with -WhatIf, would write).</summary>
public sealed class ExportedFile
{
    public required ExportedFileKind Kind { get; init; }

    /// <summary>The entity's name; for the template files, the file name without .json.</summary>
    public required string Name { get; init; }

    /// <summary>The full path of the file.</summary>
    public required string Path { get; init; }

    /// <summary>The path below the export folder, with '/' (linkedService/CmSlSource_1a2b3c4d.json).</summary>
    public required string RelativePath { get; init; }

    public override string ToString() => Path;
}
