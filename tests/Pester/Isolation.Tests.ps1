#requires -Version 7.4
# The module's dependencies live in a private AssemblyLoadContext: a session that already loaded
# OLDER versions of Azure.Core and Microsoft.Data.SqlClient (as Az or SqlServer modules would) can
# import CloudMigration, use cmdlets that need those libraries, and still use its own versions.
# Runs in a fresh process, because a loaded assembly can't be unloaded from this one.

BeforeAll {
    $script:packages = $env:CM_TEST_PACKAGES
    $script:root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $rid = if ($IsWindows) { 'win' } else { 'unix' }
    $script:oldAzureCore = Join-Path $packages 'azure.core/1.33.0/lib/net6.0/Azure.Core.dll'
    $script:oldSqlClient = Join-Path $packages "microsoft.data.sqlclient/5.1.9/runtimes/$rid/lib/net6.0/Microsoft.Data.SqlClient.dll"
    $script:sampleDir = Join-Path ([IO.Path]::GetTempPath()) ("cm-iso-" + [guid]::NewGuid().ToString('N'))

    $child = Join-Path $TestDrive 'isolation.ps1'
    @'
param($ModulePath, $OldAzureCore, $OldSqlClient, $SampleDir)
$ErrorActionPreference = 'Stop'
$result = [ordered]@{}
Add-Type -Path $OldAzureCore
Add-Type -Path $OldSqlClient
$result.OldSqlBefore = [Microsoft.Data.SqlClient.SqlConnectionStringBuilder]::new('Server=a;User ID=before').UserID
$result.OldTokenBefore = [Azure.Core.AccessToken]::new('before', [DateTimeOffset]::Now).Token

Import-Module (Join-Path $ModulePath 'CloudMigration.psd1')
$sample = New-CmSampleEnvironment -Path $SampleDir -RowsPerTable 1 -Confirm:$false
$result.Companies = @(Get-CmCompany -Source $sample.Source).Count
# SqlClient: parsing and validating a SQL Server endpoint; Azure.Core + Azure.Identity: Entra sign-in objects.
$result.SqlServerKind = (New-CmEndpoint 'Server=tcp:sql.contoso.local,1433;Database=SLSystem;User ID=sa;Password=x').Kind.ToString()
$result.TokenAuth = (New-CmEndpoint 'Server=tcp:x.database.windows.net;Database=d' -AccessToken (ConvertTo-SecureString 'token' -AsPlainText -Force)).Authentication.ToString()
$result.ManagedIdentityAuth = (New-CmEndpoint 'Server=tcp:x.database.windows.net;Database=d;Authentication=Active Directory Managed Identity').Authentication.ToString()
try { Get-CmCompany -Source 'Server=tcp:127.0.0.1,1;Database=x;User ID=u;Password=p;Connect Timeout=2' } catch { $result.UnreachableErrorId = $_.FullyQualifiedErrorId }

$result.OldSqlAfter = [Microsoft.Data.SqlClient.SqlConnectionStringBuilder]::new('Server=a;User ID=after').UserID
$result.OldTokenAfter = [Azure.Core.AccessToken]::new('after', [DateTimeOffset]::Now).Token
$result.Contexts = @([System.Runtime.Loader.AssemblyLoadContext]::All | ForEach-Object {
    $context = $_
    $_.Assemblies | Where-Object { $_.GetName().Name -in 'Azure.Core', 'Microsoft.Data.SqlClient', 'CloudMigration.Engine' } | ForEach-Object {
        [pscustomobject]@{ Context = $context.Name; Name = $_.GetName().Name; Version = $_.GetName().Version.ToString() }
    }
})
$result | ConvertTo-Json -Depth 4
'@ | Set-Content $child

    Push-Location $root
    try {
        $json = & dotnet pwsh -NoProfile -NonInteractive -File $child -ModulePath $env:CM_TEST_MODULE_PATH -OldAzureCore $oldAzureCore -OldSqlClient $oldSqlClient -SampleDir $sampleDir 2>&1
    } finally { Pop-Location }
    $script:output = $json -join "`n"
    $script:result = $output | ConvertFrom-Json
}

AfterAll {
    if (Test-Path $sampleDir) { Remove-Item $sampleDir -Recurse -Force }
}

Describe 'Dependency isolation' {
    It 'the fixture packages were restored by the build' {
        $oldAzureCore | Should -Exist
        $oldSqlClient | Should -Exist
    }

    It 'the older libraries work for their caller before the import' {
        $result.OldSqlBefore | Should -Be 'before'
        $result.OldTokenBefore | Should -Be 'before'
    }

    It 'the cmdlets that use SqlClient, Azure.Core and SQLite work after the older versions were loaded' {
        $result.Companies | Should -Be 3
        $result.SqlServerKind | Should -Be 'SqlServer'
        $result.TokenAuth | Should -Be 'AccessToken'
        $result.ManagedIdentityAuth | Should -Be 'ManagedIdentity'
        $result.UnreachableErrorId | Should -BeLike 'ServerUnreachable,*'
    }

    It 'the older libraries still work for their caller after the import' {
        $result.OldSqlAfter | Should -Be 'after'
        $result.OldTokenAfter | Should -Be 'after'
    }

    It 'both versions are loaded side by side, the module''s in its own context' {
        $default = $result.Contexts | Where-Object Context -eq 'Default'
        $private = $result.Contexts | Where-Object Context -eq 'CloudMigration'
        ($default | Where-Object Name -eq 'Azure.Core').Version | Should -Be '1.33.0.0'
        ($default | Where-Object Name -eq 'Microsoft.Data.SqlClient').Version | Should -BeLike '5.*'
        ($private | Where-Object Name -eq 'Azure.Core').Version | Should -Not -Be '1.33.0.0'
        ($private | Where-Object Name -eq 'Microsoft.Data.SqlClient').Version | Should -Not -BeLike '5.*'
        ($private | Where-Object Name -eq 'CloudMigration.Engine') | Should -Not -BeNullOrEmpty
        ($default | Where-Object Name -eq 'CloudMigration.Engine') | Should -BeNullOrEmpty
    }
}
