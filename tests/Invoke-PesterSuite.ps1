#requires -Version 7.4
<#
.SYNOPSIS
    Runs every Pester suite under tests/ against the staged module and writes the counts as JSON.
.DESCRIPTION
    Called by build.ps1 -Task Test in a fresh pwsh process, so the module under test is imported
    into a clean session. Pester comes from NuGet (tests/TestTools restores it into out/packages).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$pester = Get-ChildItem (Join-Path $root 'out/packages/pester') -Directory | Sort-Object { [version]$_.Name } | Select-Object -Last 1
Import-Module (Join-Path $pester.FullName 'tools/Pester.psd1') -Force

$env:CM_TEST_MODULE_PATH = (Resolve-Path $ModulePath).Path
$env:CM_TEST_PACKAGES = Join-Path $root 'out/packages'
# The module's telemetry goes to a file under out/test-results (build.ps1 may have chosen it already), never the user's profile.
if (-not $env:CM_TELEMETRY_PATH) { $env:CM_TELEMETRY_PATH = Join-Path $root 'out/test-results/telemetry.jsonl' }
$configuration = New-PesterConfiguration
$configuration.Run.Path = Join-Path $PSScriptRoot 'Pester'
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
$result = Invoke-Pester -Configuration $configuration

[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $ResultPath -Encoding utf8
exit ([int]($result.Result -ne 'Passed'))
