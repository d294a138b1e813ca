using System.Security.Cryptography;
using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// The files of one setup's export, made in memory by <see cref="SetupExport.ReadAsync"/>: one per entity in ADF's Git
/// layout, then arm-template.json and arm-template.parameters.json. <see cref="Plan"/> says where they would go (-WhatIf),
/// <see cref="WriteAsync"/> writes them. The same entities always give the same bytes.
/// </summary>
public sealed class PipelineExport
{
    public const string TemplateFileName = "arm-template.json";
    public const string ParametersFileName = "arm-template.parameters.json";

    private readonly IReadOnlyList<FileContent> files;

    private PipelineExport(string setupId, string factory, IReadOnlyList<FileContent> files)
    {
        SetupId = setupId;
        Factory = factory;
        this.files = files;
    }

    public string SetupId { get; }

    /// <summary>The factory the entities were read from (the template's default factoryName).</summary>
    public string Factory { get; }

    /// <summary>The files, with their paths below <paramref name="folder"/> (a full path); nothing is written.</summary>
    public IReadOnlyList<ExportedFile> Plan(string folder)
    {
        var root = FullFolder(folder);
        return files.Select(f => f.At(root)).ToList();
    }

    /// <summary>
    /// Writes the files under <paramref name="folder"/> (created when missing), each replacing a file of the same name
    /// (written beside it first, then moved over it, so a reader never sees half a file); other files are left alone.
    /// </summary>
    /// <param name="folder">A full path.</param>
    /// <param name="only">The files to write (from <see cref="Plan"/>, e.g. those confirmed); null: all.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <returns>The files written.</returns>
    public async Task<IReadOnlyList<ExportedFile>> WriteAsync(string folder, IReadOnlyCollection<ExportedFile>? only, CancellationToken cancellationToken)
    {
        var root = FullFolder(folder);
        var wanted = only?.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        var written = new List<ExportedFile>();
        foreach (var file in files.Where(f => wanted is null || wanted.Contains(f.RelativePath)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = file.At(root);
            try
            {
                await WriteFileAsync(target.Path, file.Content, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CmException(ErrorIds.ExportPathInvalid, CmErrorCategory.WriteError,
                    $"The file '{target.Path}' could not be written: {ex.Message}",
                    "Give -Path a folder you can write to (it is created when missing); a file of the same name as one of the export's folders is in the way.",
                    target.Path, ex);
            }

            written.Add(target);
        }

        return written;
    }

    internal static PipelineExport Create(string setupId, string factory, IReadOnlyList<ExportEntity> entities)
    {
        var contents = new List<FileContent>();
        foreach (var entity in entities)
        {
            contents.Add(new FileContent(entity.Kind, entity.Name, $"{FolderOf(entity.Kind)}/{entity.Name}.json", ExportJson.Serialize(entity.Definition)));
        }

        var template = ArmTemplateBuilder.Build(factory, entities);
        contents.Add(new FileContent(ExportedFileKind.ArmTemplate, Path.GetFileNameWithoutExtension(TemplateFileName), TemplateFileName, ExportJson.Serialize(template.Template)));
        contents.Add(new FileContent(ExportedFileKind.ArmTemplateParameters, Path.GetFileNameWithoutExtension(ParametersFileName), ParametersFileName, ExportJson.Serialize(template.Parameters)));
        return new PipelineExport(setupId, factory, contents);
    }

    /// <summary>The folder of an entity kind in ADF's Git layout.</summary>
    public static string FolderOf(ExportedFileKind kind) => kind switch
    {
        ExportedFileKind.IntegrationRuntime => "integrationRuntime",
        ExportedFileKind.LinkedService => "linkedService",
        ExportedFileKind.Dataset => "dataset",
        ExportedFileKind.Pipeline => "pipeline",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a factory entity."),
    };

    private static string FullFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return Path.GetFullPath(folder);
    }

    private static async Task WriteFileAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private sealed record FileContent(ExportedFileKind Kind, string Name, string RelativePath, byte[] Content)
    {
        public ExportedFile At(string root) => new()
        {
            Kind = Kind,
            Name = Name,
            RelativePath = RelativePath,
            Path = Path.Combine(root, RelativePath.Replace('/', Path.DirectorySeparatorChar)),
        };
    }
}
