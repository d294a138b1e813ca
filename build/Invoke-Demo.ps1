#requires -Version 7.4
<#
.SYNOPSIS
    The demo on the embedded default: a generated SQLite sample and what the module sees in it.
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

Show-Step 'The local data factory: Register-CmDataFactory, New-CmIntegrationRuntime, Register-CmIntegrationRuntimeNode'
# A store of the demo's own, so the demo never touches the user's factories.
$store = Join-Path $DemoPath 'factories.db'
foreach ($suffix in '', '.key', '-wal', '-shm') { Remove-Item ($store + $suffix) -ErrorAction SilentlyContinue }
'cm-local-01', 'cm-local-02' | ForEach-Object { Register-CmDataFactory -Name $_ -Local -StorePath $store -Confirm:$false } | Out-Null
$ir = New-CmIntegrationRuntime -Name cm-ir-demo -StorePath $store -Confirm:$false
Write-Host "New-CmIntegrationRuntime picked '$($ir.Factory)': $($ir.FactoryChoice)"
$ir | Format-Table | Show
Register-CmIntegrationRuntimeNode -AuthKey $ir.AuthKey1 -NodeName demo-node -StorePath $store -Confirm:$false | Format-Table | Show
Get-CmIntegrationRuntime -StorePath $store | Format-Table | Show
Get-CmDataFactory -StorePath $store | Format-Table | Show

Show-Step 'Publish-CmPipeline and Invoke-CmPipeline: the engine-built pipelines copy company 0010 on the local factory'
$plan0010 = New-CmTablePlan -Source $sample.Source -Destination $sample.Destination -Company 0010
$plan0010 | Publish-CmPipeline -Factory $ir.Factory -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false | Format-Table | Show
Invoke-CmPipeline -Factory $ir.Factory -Name CmPreparation -Wait -StorePath $store -Confirm:$false | Format-Table | Show
$run = Invoke-CmPipeline -Factory $ir.Factory -Name CmReplication -Parameter @{ RequestId = 'demo-1' } -Wait -StorePath $store -Confirm:$false
$run | Format-Table | Show
$copies = @($run | Get-CmActivityRun -StorePath $store | Where-Object ActivityType -eq 'Copy')
$rows = ($copies | ForEach-Object { [long]$_.Output['rowsCopied'].GetValue[long]() } | Measure-Object -Sum).Sum
Write-Host ("{0} tables copied ({1} Succeeded), {2} rows, by node '{3}'." -f $copies.Count, @($copies | Where-Object Status -eq 'Succeeded').Count, $rows, $run.Node)
