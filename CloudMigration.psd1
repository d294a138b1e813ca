@{
    RootModule             = 'CloudMigration.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Core')
    GUID                   = 'b7f6f1a2-2f1e-4d39-9a55-6c0f2d3c8e41'
    Author                 = 'CloudMigration contributors'
    CompanyName            = 'CloudMigration'
    Copyright              = '(c) CloudMigration contributors. MIT licence.'
    Description            = 'Sets up cloud migration of Dynamics SL into Business Central online the way Microsoft''s Cloud Migration Setup does: scriptable, resumable, testable, and runnable without Azure on an embedded SQLite sample and a local data factory.'
    PowerShellVersion      = '7.4'

    # The engine and its dependencies load into a private AssemblyLoadContext from deps/;
    # nothing is listed in RequiredAssemblies on purpose.
    FormatsToProcess       = @('CloudMigration.Format.ps1xml')
    TypesToProcess         = @('CloudMigration.Types.ps1xml')

    CmdletsToExport        = @(
        'Export-CmPipeline'
        'Get-CmActivityRun'
        'Get-CmCompany'
        'Get-CmDataFactory'
        'Get-CmExtension'
        'Get-CmIntegrationRuntime'
        'Get-CmIntegrationRuntimeKey'
        'Get-CmPipelineRun'
        'Get-CmReplicationRun'
        'Get-CmReplicationTableResult'
        'Get-CmSetup'
        'Invoke-CmPipeline'
        'New-CmEndpoint'
        'New-CmIntegrationRuntime'
        'New-CmIntegrationRuntimeKey'
        'New-CmSampleEnvironment'
        'New-CmTablePlan'
        'Publish-CmPipeline'
        'Register-CmDataFactory'
        'Register-CmIntegrationRuntimeNode'
        'Remove-CmIntegrationRuntime'
        'Remove-CmSetup'
        'Start-CmReplication'
        'Start-CmSetup'
        'Stop-CmReplicationRun'
        'Test-CmCompatibility'
        'Test-CmReplication'
        'Unregister-CmDataFactory'
        'Wait-CmReplicationRun'
    )
    AliasesToExport        = @('Get-CmCompanies')
    FunctionsToExport      = @()
    VariablesToExport      = @()

    PrivateData            = @{
        PSData = @{
            Tags         = @('BusinessCentral', 'DynamicsSL', 'CloudMigration', 'AzureDataFactory', 'SqlServer', 'Migration', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/cloudmigration/CloudMigration'
            LicenseUri   = 'https://github.com/cloudmigration/CloudMigration/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- Get-CmCompany (alias Get-CmCompanies): Dynamics SL companies of a source, Business Central companies of a destination.
- Get-CmExtension: extensions installed in a Business Central destination.
- New-CmEndpoint: SQL Server, Azure SQL (SQL login, access token, managed identity) and SQLite endpoints, validated before anything connects.
- New-CmSampleEnvironment: the embedded SQLite sample (Dynamics SL system and application databases, Business Central destination).
'@
        }
    }
}
