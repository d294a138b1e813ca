#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, benchmarks and demonstrates the CloudMigration module.
.DESCRIPTION
    Build  compiles with warnings as errors and stages the module into out/CloudMigration/<version>/.
    Test   builds, runs the xunit suites and the Pester suites against the staged module, and ends with
           one line "N passed, N failed, N skipped" over both runners; exits 1 on any failure.
    Demo   builds, creates the embedded SQLite sample under out/demo and shows what the module sees.
    Bench  builds in Release and runs the benchmarks (tests/CloudMigration.Benchmarks); figures are ratios
           against a baseline measured in the same run, printed and written to out/bench/results.md.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:MSBUILDDISABLENODEREUSE = '1'

$root = $PSScriptRoot
$manifest = Import-PowerShellDataFile (Join-Path $root 'CloudMigration.psd1')
$version = $manifest.ModuleVersion
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out "CloudMigration/$version"

# A simple function on purpose: $args passes dotnet's switches (-c, -o) through untouched.
function Invoke-Dotnet {
    Write-Host "> dotnet $($args -join ' ')" -ForegroundColor DarkGray
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet restore (Join-Path $root 'tests/TestTools/TestTools.csproj') --verbosity quiet
    Invoke-Dotnet build (Join-Path $root 'CloudMigration.sln') -c $Configuration -warnaserror "-p:Version=$version" --nologo --verbosity quiet

    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    $deps = Join-Path $moduleDir 'deps'
    Invoke-Dotnet publish (Join-Path $root 'src/CloudMigration.Engine/CloudMigration.Engine.csproj') -c $Configuration --no-build "-p:Version=$version" -o $deps --nologo --verbosity quiet

    $psBin = Join-Path $root "src/CloudMigration.PowerShell/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $psBin 'CloudMigration.PowerShell.dll'), (Join-Path $psBin 'CloudMigration.PowerShell.pdb') $moduleDir
    Copy-Item (Join-Path $root 'CloudMigration.psd1'), (Join-Path $root 'LICENSE') $moduleDir
    Copy-Item (Join-Path $root 'module/*.ps1xml') $moduleDir
    $help = New-Item -ItemType Directory -Path (Join-Path $moduleDir 'en-US') -Force
    Copy-Item (Join-Path $root 'module/en-US/*') $help
    & (Join-Path $root 'build/New-CmMamlHelp.ps1') -SourcePath (Join-Path $root 'module/help') -OutputPath (Join-Path $help 'CloudMigration.PowerShell.dll-Help.xml')

    # The cmdlet assembly must reference nothing from deps/ but the engine, or isolation breaks.
    if (Test-Path (Join-Path $moduleDir 'CloudMigration.Engine.dll')) { throw 'The engine must live in deps/, not next to the cmdlet assembly.' }
    Write-Host "Module staged in $moduleDir" -ForegroundColor Green
}

function Get-TrxCount {
    param([string] $Directory)
    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem $Directory -Filter *.trx -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $totals.Passed += [int]$counters.passed
        $totals.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $totals.Skipped += [int]$counters.total - [int]$counters.executed   # xunit's skips are "not executed"
    }
    $totals
}

# The failed tests of the trx files, with the first lines of their messages: printed last, so the tail of a CI log names them.
function Get-TrxFailure {
    param([string] $Directory)
    foreach ($file in Get-ChildItem $Directory -Filter *.trx -ErrorAction SilentlyContinue) {
        $run = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun
        foreach ($result in @($run.Results.UnitTestResult | Where-Object { $_ -and $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' })) {
            $message = [string]$result.Output.ErrorInfo.Message
            $lines = @($message -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 6)
            [pscustomobject]@{ Test = $result.testName; Outcome = $result.outcome; Message = $lines -join "`n    " }
        }
    }
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null
    # Telemetry of the tests (xunit and Pester inherit this) stays in out/test-results, never in the user's profile.
    $env:CM_TELEMETRY_PATH = Join-Path $results 'telemetry.jsonl'

    Write-Host "`n== xunit ==" -ForegroundColor Cyan
    & dotnet test (Join-Path $root 'CloudMigration.sln') -c $Configuration --no-build --nologo --verbosity quiet `
        --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $xunit = Get-TrxCount $results
    Write-Host ("xunit: {0} passed, {1} failed, {2} skipped" -f $xunit.Passed, $xunit.Failed, $xunit.Skipped)

    Write-Host "`n== Pester ==" -ForegroundColor Cyan
    # The ARM emulator (tests/ArmEmulator) that the Azure Pester tests start as a process.
    $env:CM_TEST_ARM_EMULATOR = Join-Path $root "tests/ArmEmulator/bin/$Configuration/net10.0/ArmEmulator.dll"
    $pesterJson = Join-Path $results 'pester.json'
    Push-Location $root
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Invoke-PesterSuite.ps1') -ModulePath $moduleDir -ResultPath $pesterJson
    } finally { Pop-Location }
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $pesterJson) { Get-Content $pesterJson -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $pester.Passed, $pester.Failed, $pester.Skipped)

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    if ($failed -eq 0 -and ($xunitExit -ne 0 -or $pesterExit -ne 0)) { $failed = 1 }   # a runner crashed without counting
    if ($passed -eq 0) { $failed = [Math]::Max($failed, 1) }                          # no test ran: that is a failure too
    Write-Host ''
    foreach ($failure in Get-TrxFailure $results) {
        Write-Host ("xunit {0}: {1}`n    {2}" -f $failure.Outcome, $failure.Test, $failure.Message) -ForegroundColor Red
    }
    Write-Host ("{0} passed, {1} failed, {2} skipped" -f $passed, $failed, $skipped)
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & (Join-Path $root 'build/Invoke-Demo.ps1') -ModulePath $moduleDir -DemoPath (Join-Path $out 'demo')
}

function Invoke-Bench {
    # Always Release: a Debug benchmark measures the debugger's build, not the engine.
    Invoke-Dotnet build (Join-Path $root 'tests/CloudMigration.Benchmarks/CloudMigration.Benchmarks.csproj') -c Release -warnaserror "-p:Version=$version" --nologo --verbosity quiet
    $bench = New-Item -ItemType Directory -Path (Join-Path $out 'bench') -Force
    $results = Join-Path $bench 'results.md'
    & dotnet (Join-Path $root 'tests/CloudMigration.Benchmarks/bin/Release/net10.0/CloudMigration.Benchmarks.dll') | Tee-Object -FilePath $results
    $code = $LASTEXITCODE
    Write-Host "Results written to $results"
    if ($code -ne 0) { Write-Host 'A benchmark missed its target.' -ForegroundColor Red; exit $code }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
}
