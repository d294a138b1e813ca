#requires -Version 7.4
# Azure Data Factory through the module, the way an admin drives it: the ARM emulator (tests/ArmEmulator) runs as a
# process over HTTPS with a certificate of its own, and the module reaches it through its typed ADF client with an
# access token: Register-CmDataFactory -ResourceId, New-CmIntegrationRuntime, node registration (the emulator hosts
# the node; on this machine Register-CmIntegrationRuntimeNode says what to install), Start-CmSetup — and the result
# is the same as on the local factory. The token never shows in any stream or file.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

    $emulatorDll = $env:CM_TEST_ARM_EMULATOR
    if (-not $emulatorDll -or -not (Test-Path $emulatorDll)) {
        $emulatorDll = Get-ChildItem (Join-Path $root 'tests/ArmEmulator/bin') -Recurse -Filter ArmEmulator.dll | Sort-Object LastWriteTime | Select-Object -Last 1 -ExpandProperty FullName
    }

    # The emulator as a process: one JSON line (url, thumbprint, token), then it serves until its standard input closes.
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add($emulatorDll)
    $start.ArgumentList.Add('--store')
    $start.ArgumentList.Add((Join-Path $TestDrive 'emulator/factories.db'))
    $start.ArgumentList.Add('--auto-register')
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $script:emulator = [System.Diagnostics.Process]::Start($start)
    $script:arm = $emulator.StandardOutput.ReadLine() | ConvertFrom-Json
    $script:tokenText = $arm.token
    $script:token = ConvertTo-SecureString $arm.token -AsPlainText -Force
    $script:resourceId = '/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/cm-rg/providers/Microsoft.DataFactory/factories/cm-azure-01'

    $script:store = Join-Path $TestDrive 'client/factories.db'
    $script:azureSample = New-CmSampleEnvironment -Path (Join-Path $TestDrive 'azure-sample') -RowsPerTable 2 -Confirm:$false
    $script:localSample = New-CmSampleEnvironment -Path (Join-Path $TestDrive 'local-sample') -RowsPerTable 2 -Confirm:$false

    # A node of the IR, hosted in the emulator (what a machine with Microsoft Integration Runtime would be).
    function Register-EmulatedNode([securestring] $Key, [string] $Node) {
        $body = @{ authKey = [System.Net.NetworkCredential]::new('', $Key).Password; nodeName = $Node } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri ($arm.url.TrimEnd('/') + '/emulator/nodes') -Body $body -ContentType 'application/json' `
            -Headers @{ Authorization = "Bearer $tokenText" } -SkipCertificateCheck | Out-Null
    }
}

AfterAll {
    if ($emulator -and -not $emulator.HasExited) {
        $emulator.StandardInput.Close()
        if (-not $emulator.WaitForExit(10000)) { $emulator.Kill() }
    }
}

Describe 'An Azure data factory, from registration to a Ready setup' {
    BeforeAll {
        $script:verbose = @()
        $script:registered = Register-CmDataFactory -ResourceId $resourceId -AccessToken $token -Endpoint $arm.url -CertificateThumbprint $arm.thumbprint `
            -StorePath $store -Confirm:$false -Verbose 4>&1 | Tee-Object -Variable allOut | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $script:verbose += @($allOut | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
    }

    It 'registers the factory by resource id after reading it' {
        $registered.Name | Should -Be 'cm-azure-01'
        "$($registered.Kind)" | Should -Be 'Azure'
        $registered.ResourceId | Should -Match '/factories/cm-azure-01$'
        (Get-CmDataFactory -StorePath $store | Where-Object Name -eq 'cm-azure-01').Kind | Should -Be 'Azure'
    }

    It 'refuses a wrong token before storing anything' {
        $wrong = ConvertTo-SecureString 'not-the-token' -AsPlainText -Force
        { Register-CmDataFactory -ResourceId ($resourceId -replace 'cm-azure-01', 'cm-azure-02') -AccessToken $wrong -Endpoint $arm.url -CertificateThumbprint $arm.thumbprint -StorePath $store -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'AzureAuthenticationFailed*'
        Get-CmDataFactory -StorePath $store | Where-Object Name -eq 'cm-azure-02' | Should -BeNullOrEmpty
    }

    It 'creates an IR whose keys come back as SecureString, and says what to install to register a node here' {
        $script:ir = New-CmIntegrationRuntime -Name cm-ir-azure -Factory cm-azure-01 -StorePath $store -Confirm:$false
        $ir.Factory | Should -Be 'cm-azure-01'
        $ir.AuthKey1 | Should -BeOfType [securestring]
        if (-not $IsWindows) {
            $err = { Register-CmIntegrationRuntimeNode -AuthKey $ir.AuthKey1 -StorePath $store -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'NodeRegistrationNotSupported*' -PassThru
            $err.Exception.Message | Should -Match 'Microsoft Integration Runtime'
            $err.ErrorDetails.RecommendedAction | Should -Match 'dmgcmd -RegisterNewNode'
        }
        Register-EmulatedNode -Key $ir.AuthKey1 -Node 'node-1'
        (Get-CmIntegrationRuntime cm-ir-azure -Factory cm-azure-01 -StorePath $store).State | Should -Be 'Online'
    }

    It 'sets up cloud migration in the Azure factory as on the local factory' {
        $azure = Start-CmSetup -Source $azureSample.Source -Destination $azureSample.Destination -Company 0010 -Factory cm-azure-01 -IntegrationRuntime cm-ir-azure `
            -StorePath $store -Confirm:$false
        "$($azure.Status)" | Should -Be 'Ready'
        $azure.FactoryKind | Should -Be 'Azure'

        Register-CmDataFactory -Name cm-local-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $local = Start-CmSetup -Source $localSample.Source -Destination $localSample.Destination -Company 0010 -Factory cm-local-01 -IntegrationRuntime cm-ir-azure `
            -StorePath $store -Confirm:$false
        "$($local.Status)" | Should -Be 'Ready'

        ($azure.Steps | ForEach-Object { "$($_.Name)=$($_.Status)" }) | Should -Be ($local.Steps | ForEach-Object { "$($_.Name)=$($_.Status)" })
        $azure.TablesByCopyMethod | Should -Be $local.TablesByCopyMethod
        $azure.BatchCount | Should -Be $local.BatchCount
        ($azure.FactoryResources -replace '_[0-9a-f]{8}$') | Should -Be ($local.FactoryResources -replace '_[0-9a-f]{8}$')
        (Get-CmSetup -Destination $azureSample.Destination).Factory | Should -Be 'cm-azure-01'
    }

    It 'runs the replication pipeline in the Azure factory' {
        $setup = Get-CmSetup -Destination $azureSample.Destination
        $run = Invoke-CmPipeline -Factory cm-azure-01 -Name $setup.Pipelines[0] -Parameter @{ RequestId = 'pester-azure-1' } -Wait -StorePath $store -Confirm:$false
        "$($run.Status)" | Should -Be 'Succeeded'
        @($run | Get-CmActivityRun -StorePath $store | Where-Object ActivityType -eq 'Copy').Count | Should -Be 60
    }

    It 'never shows the access token, in output, verbose text or the store' {
        $text = ($registered | Format-List * | Out-String) + ($verbose | Out-String) + (Get-CmDataFactory -StorePath $store | Format-List * | Out-String)
        $text | Should -Not -Match ([regex]::Escape($tokenText))
        [System.IO.File]::ReadAllBytes($store) | ForEach-Object { [char]$_ } | Join-String | Should -Not -Match ([regex]::Escape($tokenText))
    }

    It 'forgets the registration with Unregister-CmDataFactory, leaving the factory in Azure' {
        Remove-CmSetup -Destination $azureSample.Destination -Confirm:$false
        Unregister-CmDataFactory -Name cm-azure-01 -StorePath $store -Confirm:$false
        Get-CmDataFactory -StorePath $store | Where-Object Name -eq 'cm-azure-01' | Should -BeNullOrEmpty
        $again = Register-CmDataFactory -ResourceId $resourceId -AccessToken $token -Endpoint $arm.url -CertificateThumbprint $arm.thumbprint -StorePath $store -Confirm:$false
        $again.IntegrationRuntimes | Should -Be 1
    }
}
