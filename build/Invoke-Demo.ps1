#requires -Version 7.4
<#
.SYNOPSIS
    The demo on the embedded default: a generated SQLite sample, what the module sees in it, and the whole setup.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DemoPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'CloudMigration.psd1') -Force

function Show-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
# Render at 120 columns whatever the console (CI has none), as the format views are designed for.
function Show([Parameter(ValueFromPipeline)] $InputObject) { end { $input | Out-String -Width 120 | Write-Host } }

Show-Step "New-CmSampleEnvironment -Path $DemoPath -Force"
$sample = New-CmSampleEnvironment -Path $DemoPath -Force -Confirm:$false
$sample | Format-List | Show

Show-Step 'Get-CmCompany -Source $sample.Source -IncludeInactive   (Dynamics SL companies)'
Get-CmCompany -Source $sample.Source -IncludeInactive | Format-Table | Show

Show-Step 'Get-CmCompany -Destination $sample.Destination   (Business Central companies)'
Get-CmCompany -Destination $sample.Destination | Format-Table | Show

Show-Step 'Get-CmExtension -Destination $sample.Destination'
Get-CmExtension -Destination $sample.Destination | Format-Table | Show

Show-Step 'Test-CmCompatibility -Source $sample.Source -Destination $sample.Destination   (every readiness check, read-only)'
$results = Test-CmCompatibility -Source $sample.Source -Destination $sample.Destination
# One row per check and target; the per-table rows (schema alignment of 60 tables x 3 companies) are summed up below.
$results | Where-Object TargetType -ne 'Table' | Format-Table | Show
$results | Group-Object Check, Status -NoElement | Sort-Object Name | Format-Table Count, Name -AutoSize | Show
$ready = Test-CmCompatibility -Source $sample.Source -Destination $sample.Destination -Quiet
Write-Host "Ready for cloud migration setup (Test-CmCompatibility -Quiet): $ready"

Show-Step 'New-CmTablePlan -Source $sample.Source -Destination $sample.Destination   (which tables go where, and how)'
$plan = New-CmTablePlan -Source $sample.Source -Destination $sample.Destination
$plan | Group-Object Company | ForEach-Object {
    $entries = $_.Group
    [pscustomobject]@{
        Company = $_.Name
        Tables  = $entries.Count
        Delta   = @($entries | Where-Object CopyMethod -eq 'Delta').Count
        Full    = @($entries | Where-Object CopyMethod -eq 'Full').Count
        Skip    = @($entries | Where-Object CopyMethod -eq 'Skip').Count
        Ready   = @($entries | Where-Object Status -eq 'Ready').Count
        Rows    = [long]($entries | Measure-Object EstimatedRows -Sum).Sum
        SizeMB  = [math]::Round(($entries | Measure-Object EstimatedSizeMB -Sum).Sum, 2)
    }
} | Format-Table -AutoSize | Show
Write-Host "The first entries of company 0010 (the SQLite sample has no change log yet, so every table is copied in full):"
$plan | Where-Object Company -eq '0010' | Select-Object -First 5 | Format-Table | Show

Show-Step 'The local data factory: Register-CmDataFactory (two factories; setup picks one by load)'
# A store of the demo's own, so the demo never touches the user's factories.
$store = Join-Path $DemoPath 'factories.db'
foreach ($suffix in '', '.key', '-wal', '-shm') { Remove-Item ($store + $suffix) -ErrorAction SilentlyContinue }
'cm-local-01', 'cm-local-02' | ForEach-Object { Register-CmDataFactory -Name $_ -Local -StorePath $store -Confirm:$false } | Format-Table | Show

Show-Step 'Start-CmSetup -Source $sample.Source -Destination $sample.Destination -WhatIf   (every step it would take; nothing is written)'
Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -WhatIf

Show-Step 'Start-CmSetup -Source $sample.Source -Destination $sample.Destination   (the whole setup: factory, integration runtime with this process as its node, preparation, checks, plan, replication pipeline)'
$clock = [System.Diagnostics.Stopwatch]::StartNew()
$setup = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false
$clock.Stop()
$setup | Format-List | Show
$setup.Steps | Format-Table | Show
Write-Host ("Setup {0} is {1} after {2:N1} s: {3} companies, {4} tables ({5}); the replication pipeline '{6}' copies {7} tables at a time." -f
    $setup.SetupId, $setup.Status, $clock.Elapsed.TotalSeconds, $setup.Companies.Count, $setup.Tables, $setup.TablesByCopyMethod, $setup.Pipelines[0], $setup.BatchCount)

Show-Step 'Start-CmSetup again: the setup is complete, so nothing changes'
$again = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false
Write-Host "Changed: $($again.Changed). $($again.Message)"

Show-Step 'Get-CmSetup -Destination $sample.Destination   (the state lives in the destination''s control schema)'
Get-CmSetup -Destination $sample.Destination | Format-Table | Show
Get-CmIntegrationRuntime -StorePath $store | Format-Table | Show
Get-CmDataFactory -StorePath $store | Format-Table | Show

Show-Step 'Export-CmPipeline -Destination $sample.Destination -Path out/demo/adf   (the factory entities as ADF JSON and one ARM template, for source control)'
Export-CmPipeline -Destination $sample.Destination -Path (Join-Path $DemoPath 'adf') -StorePath $store -Confirm:$false | Format-Table | Show

Show-Step 'Start-CmReplication -Destination $sample.Destination   (the first run: nothing synced yet, so every table is copied in full)'
$clock.Restart()
$first = Start-CmReplication -Destination $sample.Destination -StorePath $store -Confirm:$false
$clock.Stop()
$first | Format-Table | Show
$results = @($first | Get-CmReplicationTableResult -StorePath $store)
$results | Group-Object CopyType, Status -NoElement | Format-Table Count, Name -AutoSize | Show
Write-Host ("{0} tables, {1:N0} records in {2:N1} s ({3:N0} records/s)." -f $results.Count, $first.RecordsCopied, $clock.Elapsed.TotalSeconds, ($first.RecordsCopied / [math]::Max($clock.Elapsed.TotalSeconds, 0.001)))

Show-Step 'Start-CmReplication again   (Normal = delta: only what changed since the first run, read from the change log setup installed)'
$second = Start-CmReplication -Destination $sample.Destination -StorePath $store -Confirm:$false
$second | Format-Table | Show
@($second | Get-CmReplicationTableResult -StorePath $store) | Group-Object CopyType, Status -NoElement | Format-Table Count, Name -AutoSize | Show

Show-Step 'Test-CmReplication -Source $sample.Source -Destination $sample.Destination   (row counts and a checksum of every mapped column, per table)'
$verification = @(Test-CmReplication -Source $sample.Source -Destination $sample.Destination)
$verification | Select-Object -First 8 | Format-Table | Show
$verification | Group-Object Status -NoElement | Format-Table Count, Name -AutoSize | Show
Write-Host ("Verified {0} tables: {1} Match, {2} Mismatch, {3} Error." -f $verification.Count, @($verification | Where-Object Status -eq 'Match').Count,
    @($verification | Where-Object Status -eq 'Mismatch').Count, @($verification | Where-Object Status -eq 'Error').Count)
