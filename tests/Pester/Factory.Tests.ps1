#requires -Version 7.4
# Local data factories and self-hosted integration runtimes, driven the way a user drives them:
# registering factories, the load balancer's pick (and its reason), IR keys as SecureString that
# never leak, nodes and their limit, removal with -WhatIf / -Confirm:$false, a non-interactive
# child process, two processes on one store, and what the tables show.
# Every Describe has its own store under $TestDrive (via $env:CM_FACTORY_STORE or -StorePath).
# The module's types live in its own load context, so objects are checked by PSObject.TypeNames, not -BeOfType.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force
    $script:root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:originalStore = $env:CM_FACTORY_STORE

    # A new store path in its own folder under the current block's TestDrive (the folder does not exist yet).
    function New-StorePath([string] $Name = 'store') {
        Join-Path (Join-Path $TestDrive ("$Name-" + [guid]::NewGuid().ToString('N').Substring(0, 8))) 'factories.db'
    }

    # Points $env:CM_FACTORY_STORE at a new store for the current Describe and returns its path.
    function Use-TestStore([string] $Name = 'store') {
        $path = New-StorePath $Name
        $env:CM_FACTORY_STORE = $path
        $path
    }

    function Restore-StoreVariable {
        if ($null -eq $script:originalStore) { Remove-Item Env:CM_FACTORY_STORE -ErrorAction SilentlyContinue }
        else { $env:CM_FACTORY_STORE = $script:originalStore }
    }

    function ConvertTo-Plain([securestring] $Secure) { [System.Net.NetworkCredential]::new('', $Secure).Password }

    function ConvertTo-Secure([string] $Plain) { ConvertTo-SecureString $Plain -AsPlainText -Force }

    # The secret part of a key (after the last '@').
    function Get-KeySecret([string] $Key) { $Key.Substring($Key.LastIndexOf('@') + 1) }

    # Every text a user can get out of an error record.
    function Get-ErrorText($ErrorRecord) {
        @(
            $ErrorRecord | Out-String -Width 400
            $ErrorRecord | Format-List * -Force | Out-String -Width 400
            $ErrorRecord.Exception | Format-List * -Force | Out-String -Width 400
            $ErrorRecord.Exception.ToString()
            $ErrorRecord.ErrorDetails.Message
            $ErrorRecord.ErrorDetails.RecommendedAction
            "$($ErrorRecord.TargetObject)"
        ) -join "`n"
    }

    # Files in the folder whose bytes contain $Text as UTF-8 or as UTF-16.
    function Find-TextInFiles([string] $Folder, [string] $Text) {
        $latin1 = [System.Text.Encoding]::Latin1
        @(foreach ($file in Get-ChildItem -LiteralPath $Folder -File -Force) {
                $haystack = $latin1.GetString([System.IO.File]::ReadAllBytes($file.FullName))
                foreach ($encoding in [System.Text.Encoding]::UTF8, [System.Text.Encoding]::Unicode) {
                    if ($haystack.Contains($latin1.GetString($encoding.GetBytes($Text)), [StringComparison]::Ordinal)) {
                        "$($file.Name) ($($encoding.WebName))"
                    }
                }
            })
    }

    # Runs a script in a child `dotnet pwsh -NonInteractive` process (as Isolation.Tests.ps1 does); returns its output and exit code.
    function Invoke-ChildPwsh([string] $ScriptPath, [string[]] $Arguments) {
        Push-Location $script:root
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -File $ScriptPath @Arguments 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        } finally { Pop-Location }
    }

    # IR@<guid>@<factory>@local@<base64>, as a case-sensitive regular expression.
    function Get-KeyPattern([string] $Factory) {
        '^IR@[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@' + [regex]::Escape($Factory) + '@local@[A-Za-z0-9+/]+={0,2}$'
    }
}

AfterAll {
    Restore-StoreVariable
}

Describe 'Register-CmDataFactory and Get-CmDataFactory' {
    BeforeAll {
        $script:store = Use-TestStore 'register'
        $script:registered = Register-CmDataFactory -Name cm-east -Local
        Register-CmDataFactory -Name cm-west -Local | Out-Null
        Register-CmDataFactory -Name other-01 -Local | Out-Null
    }

    AfterAll { Restore-StoreVariable }

    It 'a new local factory is Healthy, with no integration runtime, in the store of $env:CM_FACTORY_STORE' {
        $registered.PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.DataFactoryInfo'
        $registered.Name | Should -Be 'cm-east'
        $registered.Kind | Should -Be 'Local'
        $registered.Health | Should -Be 'Healthy'
        $registered.IntegrationRuntimes | Should -Be 0
        $registered.Nodes | Should -Be 0
        $registered.ActiveRuns | Should -Be 0
        $registered.ResourceId | Should -Be $store
        $store | Should -Exist
    }

    It 'registering the same name again is FactoryExists, in any case' -ForEach @(
        @{ Name = 'cm-east' }
        @{ Name = 'CM-East' }
    ) {
        $err = $null
        try { Register-CmDataFactory -Name $Name -Local } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'FactoryExists*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        @(Get-CmDataFactory).Count | Should -Be 3
    }

    It '''<Name>'' is FactoryNameInvalid (InvalidArgument) and registers nothing' -ForEach @(
        @{ Name = 'a' }
        @{ Name = 'bad_name' }
        @{ Name = '-x-' }
    ) {
        $err = $null
        try { Register-CmDataFactory -Name $Name -Local } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'FactoryNameInvalid*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-CmDataFactory).Name | Should -Not -Contain $Name
    }

    It '-WhatIf registers nothing' {
        Register-CmDataFactory -Name what-if-01 -Local -WhatIf | Should -BeNullOrEmpty
        Get-CmDataFactory -Name what-if-01 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-CmDataFactory).Count | Should -Be 3
    }

    It '-WhatIf does not even create a store that does not exist' {
        $fresh = New-StorePath 'whatif'
        Register-CmDataFactory -Name what-if-02 -Local -StorePath $fresh -WhatIf
        $fresh | Should -Not -Exist
    }

    It 'lists every registered factory, ordered by name' {
        @(Get-CmDataFactory).Name | Should -Be @('cm-east', 'cm-west', 'other-01')
    }

    It 'filters with wildcards, and a wildcard that matches nothing is no error' {
        @(Get-CmDataFactory -Name 'cm-*').Name | Should -Be @('cm-east', 'cm-west')
        @(Get-CmDataFactory -Name '*-0?', 'cm-w*').Name | Should -Be @('cm-west', 'other-01')
        Get-CmDataFactory -Name 'zz*' -ErrorVariable errs | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }

    It 'an exact name is found without regard to case' {
        (Get-CmDataFactory -Name 'CM-WEST').Name | Should -Be 'cm-west'
    }

    It 'an exact missing name is a non-terminating FactoryNotFound; the other names are still listed' {
        $found = Get-CmDataFactory -Name 'cm-east', 'no-such-factory', 'other-01' -ErrorAction SilentlyContinue -ErrorVariable errs
        @($found).Name | Should -Be @('cm-east', 'other-01')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FactoryNotFound*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'no-such-factory'
    }

    It '-StorePath names another store than $env:CM_FACTORY_STORE' {
        $other = New-StorePath 'other'
        Register-CmDataFactory -Name elsewhere -Local -StorePath $other | Out-Null
        @(Get-CmDataFactory -StorePath $other).Name | Should -Be @('elsewhere')
        @(Get-CmDataFactory).Name | Should -Not -Contain 'elsewhere'
    }
}

Describe 'New-CmIntegrationRuntime: the factory it goes to' {
    BeforeAll {
        $script:store = Use-TestStore 'balance'
    }

    AfterAll { Restore-StoreVariable }

    It 'with no factory registered it is NoHealthyFactory, and creates nothing' {
        $err = $null
        try { New-CmIntegrationRuntime -Name ir-nowhere } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'NoHealthyFactory*'
        $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*Register*'
        Get-CmIntegrationRuntime | Should -BeNullOrEmpty
    }

    Context 'two factories' {
        BeforeAll {
            # Registered in reverse order: the tie-break must be the name, not the order of registration.
            Register-CmDataFactory -Name lb-b -Local | Out-Null
            Register-CmDataFactory -Name lb-a -Local | Out-Null
        }

        It 'two equally loaded factories: the first by name is picked, and -Verbose says why' {
            $out = New-CmIntegrationRuntime -Name ir-1 -Verbose 4>&1
            $created = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
            $created.Count | Should -Be 1
            $created[0].PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.CreatedIntegrationRuntime'
            $created[0].Factory | Should -Be 'lb-a'
            $created[0].FactoryChoice | Should -BeLike "*'lb-a'*'lb-b'*equally loaded*'lb-a'*first by name*"
            $verbose | Should -BeLike "*Factory 'lb-a': *equally loaded*"
        }

        It 'once a factory has an IR, the next IR goes to the other one' {
            $created = New-CmIntegrationRuntime -Name ir-2 -Verbose 4>&1 | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $created.Factory | Should -Be 'lb-b'
            $created.FactoryChoice | Should -BeLike "*'lb-b'*fewest integration runtimes*"
            (Get-CmDataFactory lb-a).IntegrationRuntimes | Should -Be 1
            (Get-CmDataFactory lb-b).IntegrationRuntimes | Should -Be 1
        }

        It 'equal again: the name decides again' {
            (New-CmIntegrationRuntime -Name ir-3).Factory | Should -Be 'lb-a'
        }

        It '-Factory names the factory even when it is the more loaded one' {
            $created = New-CmIntegrationRuntime -Name ir-named -Factory lb-a
            $created.Factory | Should -Be 'lb-a'
            $created.FactoryChoice | Should -BeLike "*'lb-a'*named with -Factory*"
            @(Get-CmIntegrationRuntime -Factory lb-a).Name | Should -Be @('ir-1', 'ir-3', 'ir-named')
        }

        It 'the least-loaded factory is picked over the first by name' {
            $created = New-CmIntegrationRuntime -Name ir-4
            $created.Factory | Should -Be 'lb-b'
            $created.FactoryChoice | Should -BeLike "*'lb-b'*fewest integration runtimes (1;*'lb-a' has 3*"
        }

        It 'creating an IR that exists returns it, in its factory, with the same keys' {
            $first = Get-CmIntegrationRuntimeKey -Name ir-1 -AsPlainText
            $again = New-CmIntegrationRuntime -Name ir-1
            $again.Factory | Should -Be 'lb-a'   # lb-b is less loaded now: the IR must not move
            $again.FactoryChoice | Should -BeLike "*'lb-a' already has*'ir-1'*"
            ConvertTo-Plain $again.AuthKey1 | Should -BeExactly $first.AuthKey1
            ConvertTo-Plain $again.AuthKey2 | Should -BeExactly $first.AuthKey2
            @(Get-CmIntegrationRuntime -Name ir-1).Count | Should -Be 1
            (Get-CmDataFactory lb-a).IntegrationRuntimes | Should -Be 3
        }

        It 'AuthKey1 and AuthKey2 are SecureStrings that differ, shaped IR@guid@factory@local@base64' {
            $created = New-CmIntegrationRuntime -Name ir-5 -Factory lb-b
            $created.AuthKey1 | Should -BeOfType [securestring]
            $created.AuthKey2 | Should -BeOfType [securestring]
            $key1 = ConvertTo-Plain $created.AuthKey1
            $key2 = ConvertTo-Plain $created.AuthKey2
            $key1 | Should -MatchExactly (Get-KeyPattern 'lb-b')
            $key2 | Should -MatchExactly (Get-KeyPattern 'lb-b')
            $key1 | Should -Not -BeExactly $key2
            [Convert]::FromBase64String((Get-KeySecret $key1)).Length | Should -Be 32
            # Both keys name the same IR; another IR has another id.
            $key1.Split('@')[1] | Should -Be $key2.Split('@')[1]
            (ConvertTo-Plain (New-CmIntegrationRuntime -Name ir-1).AuthKey1).Split('@')[1] | Should -Not -Be $key1.Split('@')[1]
        }

        It 'an invalid IR name is IntegrationRuntimeNameInvalid' {
            $err = $null
            try { New-CmIntegrationRuntime -Name 'ir_bad' } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'IntegrationRuntimeNameInvalid*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }

        It '-WhatIf creates nothing' {
            New-CmIntegrationRuntime -Name ir-whatif -WhatIf | Should -BeNullOrEmpty
            Get-CmIntegrationRuntime -Name ir-whatif -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }

    It 'the name tie-break is ordinal: ''Zulu'' comes before ''alpha''' {
        $ordinal = New-StorePath 'ordinal'
        Register-CmDataFactory -Name alpha -Local -StorePath $ordinal | Out-Null
        Register-CmDataFactory -Name Zulu -Local -StorePath $ordinal | Out-Null
        $created = New-CmIntegrationRuntime -Name ir-ordinal -StorePath $ordinal
        $created.Factory | Should -BeExactly 'Zulu'
        $created.FactoryChoice | Should -BeLike "*first by name*"
    }

    It 'among factories with as many IRs, the one with the most Online nodes is picked' {
        $online = New-StorePath 'online'
        Register-CmDataFactory -Name on-a -Local -StorePath $online | Out-Null
        Register-CmDataFactory -Name on-b -Local -StorePath $online | Out-Null
        New-CmIntegrationRuntime -Name ir-a -Factory on-a -StorePath $online | Out-Null
        $withNode = New-CmIntegrationRuntime -Name ir-b -Factory on-b -StorePath $online
        Register-CmIntegrationRuntimeNode -AuthKey $withNode.AuthKey1 -NodeName node-b -NoRunHost -StorePath $online | Out-Null
        $created = New-CmIntegrationRuntime -Name ir-next -StorePath $online
        $created.Factory | Should -Be 'on-b'
        $created.FactoryChoice | Should -BeLike "*'on-b'*most Online nodes*"
    }
}

Describe 'Integration runtime state and nodes in this process' {
    BeforeAll {
        $script:store = Use-TestStore 'state'
        Register-CmDataFactory -Name state-f -Local | Out-Null
        $script:ir = New-CmIntegrationRuntime -Name ir-state -Factory state-f
        $script:plain1 = ConvertTo-Plain $ir.AuthKey1
    }

    AfterAll {
        # Unregistering stops the run host this process started (its next heartbeat finds no node).
        Unregister-CmDataFactory -Name state-f -Force -Confirm:$false -ErrorAction SilentlyContinue
        Restore-StoreVariable
    }

    It 'a new IR is NeedRegistration, with no node' {
        $runtime = Get-CmIntegrationRuntime -Name ir-state
        $runtime.PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.IntegrationRuntimeInfo'
        $runtime.State | Should -Be 'NeedRegistration'
        @($runtime.Nodes).Count | Should -Be 0
        (Get-CmDataFactory state-f).Health | Should -Be 'Healthy'
    }

    It 'Register-CmIntegrationRuntimeNode -AuthKey $ir.AuthKey1 registers this process as a node, and -Verbose says so without the key' {
        $out = Register-CmIntegrationRuntimeNode -AuthKey $ir.AuthKey1 -NodeName this-node -Verbose 4>&1
        $node = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $node.Count | Should -Be 1
        $node[0].PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.NodeRegistration'
        $node[0].Factory | Should -Be 'state-f'
        $node[0].IntegrationRuntime | Should -Be 'ir-state'
        $node[0].NodeName | Should -Be 'this-node'
        $verbose | Should -BeLike "*'this-node'*'state-f/ir-state'*PID $PID*"
        $verbose | Should -Not -Match ([regex]::Escape((Get-KeySecret $plain1)))
    }

    It 'then Get-CmIntegrationRuntime shows it Online, with the node' {
        $runtime = Get-CmIntegrationRuntime -Name ir-state -Factory state-f
        $runtime.State | Should -Be 'Online'
        @($runtime.Nodes).NodeName | Should -Be @('this-node')
        @($runtime.Nodes)[0].Status | Should -Be 'Online'
    }

    It 'and Get-CmDataFactory shows Nodes 1, OnlineNodes 1' {
        $factory = Get-CmDataFactory -Name state-f
        $factory.IntegrationRuntimes | Should -Be 1
        $factory.Nodes | Should -Be 1
        $factory.OnlineNodes | Should -Be 1
        $factory.Health | Should -Be 'Healthy'
    }

    It 'the IR object itself can be piped to Register-CmIntegrationRuntimeNode (AuthKey1 by property name)' {
        $node = $ir | Register-CmIntegrationRuntimeNode -NodeName piped-node -NoRunHost
        $node.NodeName | Should -Be 'piped-node'
        (Get-CmDataFactory -Name state-f).Nodes | Should -Be 2
    }

    It 'an exact missing IR name is a non-terminating IntegrationRuntimeNotFound; the others are still listed' {
        $found = Get-CmIntegrationRuntime -Name 'ir-none', 'ir-st*' -ErrorAction SilentlyContinue -ErrorVariable errs
        @($found).Name | Should -Be @('ir-state')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'IntegrationRuntimeNotFound*'
        $errs[0].TargetObject | Should -Be 'ir-none'
    }

    It 'Register-CmIntegrationRuntimeNode -WhatIf registers nothing' {
        Register-CmIntegrationRuntimeNode -AuthKey $ir.AuthKey1 -NodeName whatif-node -NoRunHost -WhatIf | Should -BeNullOrEmpty
        @((Get-CmIntegrationRuntime -Name ir-state).Nodes).NodeName | Should -Not -Contain 'whatif-node'
    }
}

Describe 'Authentication keys' {
    BeforeAll {
        $script:store = Use-TestStore 'keys'
        $script:storeFolder = Split-Path $store -Parent
        Register-CmDataFactory -Name keys-f -Local | Out-Null
        Register-CmDataFactory -Name keys-g -Local | Out-Null
        $script:ir = New-CmIntegrationRuntime -Name ir-keys -Factory keys-f
        $script:other = New-CmIntegrationRuntime -Name ir-other -Factory keys-g
        $script:plain1 = ConvertTo-Plain $ir.AuthKey1
        $script:plain2 = ConvertTo-Plain $ir.AuthKey2
        $script:otherPlain = ConvertTo-Plain $other.AuthKey1
    }

    AfterAll { Restore-StoreVariable }

    It 'Get-CmIntegrationRuntimeKey returns both keys as SecureString, the ones New-CmIntegrationRuntime returned' {
        $keys = Get-CmIntegrationRuntimeKey -Name ir-keys
        $keys.PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.IntegrationRuntimeKeys'
        $keys.IntegrationRuntime | Should -Be 'ir-keys'
        $keys.Factory | Should -Be 'keys-f'
        $keys.AuthKey1 | Should -BeOfType [securestring]
        $keys.AuthKey2 | Should -BeOfType [securestring]
        ConvertTo-Plain $keys.AuthKey1 | Should -BeExactly $plain1
        ConvertTo-Plain $keys.AuthKey2 | Should -BeExactly $plain2
    }

    It '-AsPlainText returns strings equal to the SecureString contents' {
        $secure = Get-CmIntegrationRuntimeKey -Name ir-keys -Factory keys-f
        $plain = Get-CmIntegrationRuntimeKey -Name ir-keys -Factory keys-f -AsPlainText
        $plain.AuthKey1 | Should -BeOfType [string]
        $plain.AuthKey2 | Should -BeOfType [string]
        $plain.AuthKey1 | Should -BeExactly (ConvertTo-Plain $secure.AuthKey1)
        $plain.AuthKey2 | Should -BeExactly (ConvertTo-Plain $secure.AuthKey2)
        $plain.AuthKey1 | Should -MatchExactly (Get-KeyPattern 'keys-f')
    }

    It 'a missing IR is IntegrationRuntimeNotFound' {
        $err = $null
        try { Get-CmIntegrationRuntimeKey -Name ir-missing } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'IntegrationRuntimeNotFound*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'no key appears in -Verbose output' {
        $verbose = & {
            New-CmIntegrationRuntime -Name ir-keys -Verbose | Out-Null
            Get-CmIntegrationRuntimeKey -Name ir-keys -Verbose | Out-Null
            Get-CmIntegrationRuntimeKey -Name ir-keys -AsPlainText -Verbose | Out-Null
            Register-CmIntegrationRuntimeNode -AuthKey $ir.AuthKey2 -NodeName verbose-node -NoRunHost -Verbose | Out-Null
        } 4>&1
        $text = @($verbose).Message -join "`n"
        @($verbose).Count | Should -BeGreaterThan 2
        $text | Should -BeLike "*Factory 'keys-f'*"
        foreach ($secret in $plain1, $plain2, (Get-KeySecret $plain1), (Get-KeySecret $plain2)) {
            $text | Should -Not -Match ([regex]::Escape($secret))
        }
    }

    It 'no key is in the bytes of any store file (the .db, its .key, -wal or -shm), as UTF-8 or UTF-16' {
        $files = @(Get-ChildItem -LiteralPath $storeFolder -File -Force).Name
        $files | Should -Contain 'factories.db'
        $files | Should -Contain 'factories.db.key'
        # The search itself works: the factory's name is stored in clear, and UTF-16 text is found too.
        Find-TextInFiles $storeFolder 'keys-g' | Should -Not -BeNullOrEmpty
        $probe = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'probe') -Force
        [System.IO.File]::WriteAllText((Join-Path $probe 'utf16.bin'), "x$plain1 x", [System.Text.Encoding]::Unicode)
        Find-TextInFiles $probe $plain1 | Should -Be @('utf16.bin (utf-16)')
        foreach ($secret in $plain1, $plain2, $otherPlain, (Get-KeySecret $plain1), (Get-KeySecret $plain2), (Get-KeySecret $otherPlain)) {
            Find-TextInFiles $storeFolder $secret | Should -BeNullOrEmpty
        }
    }

    Context 'regenerating authKey1' {
        BeforeAll {
            $script:regenerated = New-CmIntegrationRuntimeKey -Name ir-keys -KeyName authKey1 -Confirm:$false
            $script:newPlain1 = ConvertTo-Plain $regenerated.AuthKey1
        }

        It 'New-CmIntegrationRuntimeKey -KeyName authKey1 changes authKey1 only' {
            $regenerated.PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Factories.IntegrationRuntimeKeys'
            $regenerated.AuthKey1 | Should -BeOfType [securestring]
            $newPlain1 | Should -Not -BeExactly $plain1
            $newPlain1 | Should -MatchExactly (Get-KeyPattern 'keys-f')
            ConvertTo-Plain $regenerated.AuthKey2 | Should -BeExactly $plain2
            $now = Get-CmIntegrationRuntimeKey -Name ir-keys -AsPlainText
            $now.AuthKey1 | Should -BeExactly $newPlain1
            $now.AuthKey2 | Should -BeExactly $plain2
        }

        It '-WhatIf changes no key' {
            New-CmIntegrationRuntimeKey -Name ir-keys -KeyName authKey2 -WhatIf | Should -BeNullOrEmpty
            (Get-CmIntegrationRuntimeKey -Name ir-keys -AsPlainText).AuthKey2 | Should -BeExactly $plain2
        }

        It 'the old authKey1 registers no new node: AuthKeyInvalid, and the error does not contain the key' {
            $old = ConvertTo-Secure $plain1
            $err = $null
            try { Register-CmIntegrationRuntimeNode -AuthKey $old -NodeName old-key-node -NoRunHost } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'AuthKeyInvalid*'
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $text = Get-ErrorText $err
            $text | Should -Not -Match ([regex]::Escape($plain1))
            $text | Should -Not -Match ([regex]::Escape((Get-KeySecret $plain1)))
            @((Get-CmIntegrationRuntime -Name ir-keys).Nodes).NodeName | Should -Not -Contain 'old-key-node'
        }

        It 'the new authKey1 and the unchanged authKey2 still register nodes' {
            (Register-CmIntegrationRuntimeNode -AuthKey $regenerated.AuthKey1 -NodeName new-key-node -NoRunHost).IntegrationRuntime | Should -Be 'ir-keys'
            (Register-CmIntegrationRuntimeNode -AuthKey (ConvertTo-Secure $plain2) -NodeName key2-node -NoRunHost).IntegrationRuntime | Should -Be 'ir-keys'
        }
    }

    It 'a key of another factory''s IR, presented as this factory''s, is refused' {
        # ir-other's key (factory keys-g) with the factory part changed to keys-f.
        $forged = $otherPlain -replace '@keys-g@', '@keys-f@'
        $forged | Should -Not -BeExactly $otherPlain
        $err = $null
        try { Register-CmIntegrationRuntimeNode -AuthKey (ConvertTo-Secure $forged) -NodeName forged-node -NoRunHost } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthKeyInvalid*'
        (Get-ErrorText $err) | Should -Not -Match ([regex]::Escape((Get-KeySecret $otherPlain)))
        (Get-CmDataFactory keys-f).Nodes + (Get-CmDataFactory keys-g).Nodes | Should -Be 3   # verbose-node, new-key-node, key2-node
    }

    It 'a key of an IR with the same names in another store is refused' {
        $foreignStore = New-StorePath 'foreign'
        Register-CmDataFactory -Name keys-f -Local -StorePath $foreignStore | Out-Null
        $foreign = New-CmIntegrationRuntime -Name ir-keys -Factory keys-f -StorePath $foreignStore
        $foreignPlain = ConvertTo-Plain $foreign.AuthKey1
        $err = $null
        try { Register-CmIntegrationRuntimeNode -AuthKey $foreign.AuthKey1 -NodeName foreign-node -NoRunHost } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthKeyInvalid*'
        (Get-ErrorText $err) | Should -Not -Match ([regex]::Escape((Get-KeySecret $foreignPlain)))
        @((Get-CmIntegrationRuntime -Name ir-keys).Nodes).NodeName | Should -Not -Contain 'foreign-node'
    }

    It 'a malformed key is AuthKeyInvalid, and the error does not echo it' {
        $sentinel = 'S3ntinel-not-a-key-Q9'
        $err = $null
        try { Register-CmIntegrationRuntimeNode -AuthKey (ConvertTo-Secure $sentinel) -NodeName bad-key-node -NoRunHost } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthKeyInvalid*'
        (Get-ErrorText $err) | Should -Not -Match $sentinel
    }

    It 'an invalid node name is NodeNameInvalid, and registers nothing' {
        $err = $null
        try { Register-CmIntegrationRuntimeNode -AuthKey $other.AuthKey1 -NodeName 'bad node!' -NoRunHost } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'NodeNameInvalid*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-CmDataFactory keys-g).Nodes | Should -Be 0
    }

    Context 'nodes of one IR' {
        BeforeAll {
            $script:limit = New-CmIntegrationRuntime -Name ir-limit -Factory keys-f
            $script:first = Register-CmIntegrationRuntimeNode -AuthKey $limit.AuthKey1 -NodeName node-1 -NoRunHost
        }

        It 're-registering a node name is idempotent: still one node, with its name as first registered' {
            $again = Register-CmIntegrationRuntimeNode -AuthKey $limit.AuthKey2 -NodeName node-1 -NoRunHost
            $upper = Register-CmIntegrationRuntimeNode -AuthKey $limit.AuthKey1 -NodeName NODE-1 -NoRunHost
            $again.NodeName | Should -Be 'node-1'
            $upper.NodeName | Should -BeExactly 'node-1'
            $nodes = @((Get-CmIntegrationRuntime -Name ir-limit).Nodes)
            $nodes.Count | Should -Be 1
            $again.RegisterTime | Should -Be $nodes[0].RegisterTime
            $upper.RegisterTime | Should -Be $nodes[0].RegisterTime
        }

        # The store keeps whole milliseconds; the first registration returns the time as stored, too.
        It 're-registering returns the RegisterTime the first registration returned' {
            $again = Register-CmIntegrationRuntimeNode -AuthKey $limit.AuthKey1 -NodeName node-1 -NoRunHost
            $again.RegisterTime | Should -Be $first.RegisterTime
        }

        It 'a 5th node is NodeLimitReached; the four nodes can still re-register' {
            foreach ($n in 2..4) { Register-CmIntegrationRuntimeNode -AuthKey $limit.AuthKey1 -NodeName "node-$n" -NoRunHost | Out-Null }
            @((Get-CmIntegrationRuntime -Name ir-limit).Nodes).Count | Should -Be 4
            $err = $null
            try { Register-CmIntegrationRuntimeNode -AuthKey $limit.AuthKey1 -NodeName node-5 -NoRunHost } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'NodeLimitReached*'
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.TargetObject | Should -Be 'node-5'
            @((Get-CmIntegrationRuntime -Name ir-limit).Nodes).NodeName | Should -Be @('node-1', 'node-2', 'node-3', 'node-4')
            (Register-CmIntegrationRuntimeNode -AuthKey $limit.AuthKey2 -NodeName node-3 -NoRunHost).NodeName | Should -Be 'node-3'
        }
    }
}

Describe 'Remove-CmIntegrationRuntime' {
    BeforeAll {
        $script:store = Use-TestStore 'remove'
        Register-CmDataFactory -Name rm-a -Local | Out-Null
        Register-CmDataFactory -Name rm-b -Local | Out-Null
        $script:doomed = New-CmIntegrationRuntime -Name ir-doomed -Factory rm-a
        New-CmIntegrationRuntime -Name ir-twice -Factory rm-a | Out-Null
        New-CmIntegrationRuntime -Name ir-twice -Factory rm-b | Out-Null
    }

    AfterAll { Restore-StoreVariable }

    It '-WhatIf keeps it' {
        Remove-CmIntegrationRuntime -Name ir-doomed -WhatIf
        (Get-CmIntegrationRuntime -Name ir-doomed).Factory | Should -Be 'rm-a'
    }

    It '-Confirm:$false removes it, and its keys register no node any more' {
        Remove-CmIntegrationRuntime -Name ir-doomed -Confirm:$false | Should -BeNullOrEmpty
        Get-CmIntegrationRuntime -Name ir-doomed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-CmDataFactory rm-a).IntegrationRuntimes | Should -Be 1
        $err = $null
        try { Register-CmIntegrationRuntimeNode -AuthKey $doomed.AuthKey1 -NodeName late-node -NoRunHost } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthKeyInvalid*'
    }

    It 'a missing IR is IntegrationRuntimeNotFound' {
        $err = $null
        try { Remove-CmIntegrationRuntime -Name ir-doomed -Confirm:$false } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'IntegrationRuntimeNotFound*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be 'ir-doomed'
    }

    It 'a missing IR in a named factory is IntegrationRuntimeNotFound too' {
        $err = $null
        try { Remove-CmIntegrationRuntime -Name ir-missing -Factory rm-b -Confirm:$false } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'IntegrationRuntimeNotFound*'
    }

    It 'an IR name in two factories must be given with -Factory, and then only that one goes' {
        $err = $null
        try { Remove-CmIntegrationRuntime -Name ir-twice -Confirm:$false } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-Factory*'
        @(Get-CmIntegrationRuntime -Name ir-twice).Count | Should -Be 2
        Remove-CmIntegrationRuntime -Name ir-twice -Factory rm-b -Confirm:$false
        @(Get-CmIntegrationRuntime -Name ir-twice).Factory | Should -Be @('rm-a')
    }
}

Describe 'Unregister-CmDataFactory' {
    BeforeAll {
        $script:store = Use-TestStore 'unregister'
        Register-CmDataFactory -Name un-keep -Local | Out-Null
        Register-CmDataFactory -Name un-gone -Local | Out-Null
        New-CmIntegrationRuntime -Name ir-gone -Factory un-gone | Out-Null
    }

    AfterAll { Restore-StoreVariable }

    It '-WhatIf keeps the factory' {
        Unregister-CmDataFactory -Name un-gone -WhatIf
        (Get-CmDataFactory -Name un-gone).IntegrationRuntimes | Should -Be 1
    }

    It '-Confirm:$false removes the factory and its integration runtimes' {
        Unregister-CmDataFactory -Name un-gone -Confirm:$false | Should -BeNullOrEmpty
        @(Get-CmDataFactory).Name | Should -Be @('un-keep')
        Get-CmIntegrationRuntime -Name ir-gone -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a missing factory is FactoryNotFound' {
        $err = $null
        try { Unregister-CmDataFactory -Name un-gone -Confirm:$false } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'FactoryNotFound*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    Context 'in a non-interactive child process' {
        BeforeAll {
            Register-CmDataFactory -Name conf-f -Local | Out-Null
            Register-CmDataFactory -Name conf-gone -Local | Out-Null
            Register-CmDataFactory -Name conf-kept -Local | Out-Null
            New-CmIntegrationRuntime -Name ir-conf -Factory conf-f | Out-Null
            $script:before = Get-CmIntegrationRuntimeKey -Name ir-conf -AsPlainText

            $script:childScript = Join-Path $TestDrive 'confirm-child.ps1'
            @'
param($ModulePath, $StorePath, $ResultPath)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'CloudMigration.psd1')
$env:CM_FACTORY_STORE = $StorePath
$result = [ordered]@{}
New-CmIntegrationRuntimeKey -Name ir-conf -KeyName authKey1 -Confirm:$false | Out-Null
Unregister-CmDataFactory -Name conf-gone -Confirm:$false
$result.Done = $true
# Control: without -Confirm:$false, ConfirmImpact High wants a prompt, which a non-interactive session cannot show.
try { Unregister-CmDataFactory -Name conf-kept } catch { $result.PromptErrorId = $_.FullyQualifiedErrorId; $result.PromptError = "$_" }
$result | ConvertTo-Json | Set-Content -LiteralPath $ResultPath
'@ | Set-Content -LiteralPath $childScript
            $script:resultPath = Join-Path $TestDrive 'confirm-child.json'
            $script:child = Invoke-ChildPwsh $childScript @('-ModulePath', $env:CM_TEST_MODULE_PATH, '-StorePath', $store, '-ResultPath', $resultPath)
            $script:childResult = if (Test-Path $resultPath) { Get-Content $resultPath -Raw | ConvertFrom-Json } else { $null }
        }

        It '-Confirm:$false needs no prompt: the child exits with 0' {
            $child.ExitCode | Should -Be 0 -Because $child.Output
            $childResult.Done | Should -BeTrue
        }

        It 'New-CmIntegrationRuntimeKey -Confirm:$false changed authKey1 only' {
            $after = Get-CmIntegrationRuntimeKey -Name ir-conf -AsPlainText
            $after.AuthKey1 | Should -Not -BeExactly $before.AuthKey1
            $after.AuthKey2 | Should -BeExactly $before.AuthKey2
        }

        It 'Unregister-CmDataFactory -Confirm:$false removed the factory' {
            Get-CmDataFactory -Name conf-gone -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            (Get-CmDataFactory -Name conf-f).Name | Should -Be 'conf-f'
        }

        It 'without -Confirm:$false it stops at the prompt it cannot show, and keeps the factory' {
            $childResult.PromptError | Should -BeLike '*NonInteractive*'
            (Get-CmDataFactory -Name conf-kept).Name | Should -Be 'conf-kept'
        }

        # PowerShell's own refusal keeps its own error record, as with built-in cmdlets.
        It 'that refusal is not reported as a defect of the module' {
            $childResult.PromptErrorId | Should -Not -BeLike 'UnexpectedError*'
        }
    }
}

Describe 'Two processes on one store' {
    BeforeAll {
        $script:store = Use-TestStore 'shared'
        Register-CmDataFactory -Name main -Local | Out-Null
        $script:readyFile = Join-Path $TestDrive 'child.ready'
        $script:stopFile = Join-Path $TestDrive 'child.stop'
        $script:resultPath = Join-Path $TestDrive 'child.json'
        $childScript = Join-Path $TestDrive 'register-loop.ps1'
        @'
param($ModulePath, $StorePath, $ReadyFile, $StopFile, $ResultPath)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'CloudMigration.psd1')
$registered = [System.Collections.Generic.List[string]]::new()
$errors = [System.Collections.Generic.List[string]]::new()
$stopped = $false
for ($i = 1; $i -le 2000; $i++) {
    $name = 'child-{0:d4}' -f $i
    try { Register-CmDataFactory -Name $name -Local -StorePath $StorePath | Out-Null; $registered.Add($name) }
    catch { $errors.Add("$name $($_.FullyQualifiedErrorId): $_") }
    if ($i -eq 1) { New-Item -ItemType File -Path $ReadyFile | Out-Null }
    if (Test-Path -LiteralPath $StopFile) { $stopped = $true; break }
}
[pscustomobject]@{ Registered = @($registered); Errors = @($errors); StoppedBySignal = $stopped } | ConvertTo-Json | Set-Content -LiteralPath $ResultPath
'@ | Set-Content -LiteralPath $childScript

        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in 'pwsh', '-NoProfile', '-NonInteractive', '-File', $childScript, '-ModulePath', $env:CM_TEST_MODULE_PATH,
            '-StorePath', $store, '-ReadyFile', $readyFile, '-StopFile', $stopFile, '-ResultPath', $resultPath) {
            $start.ArgumentList.Add($argument)
        }
        $start.WorkingDirectory = $root
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()

        # Not a timing assertion: only a guard against a child that never starts.
        $deadline = [DateTime]::UtcNow.AddMinutes(2)
        while (-not (Test-Path -LiteralPath $readyFile) -and -not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $script:childStarted = Test-Path -LiteralPath $readyFile

        # While the child registers factories, this process creates IRs in 'main' and reads the store.
        $script:parentErrors = [System.Collections.Generic.List[string]]::new()
        $script:parentCreated = 0
        if ($childStarted) {
            foreach ($i in 1..15) {
                try {
                    New-CmIntegrationRuntime -Name ('par-ir-{0:d2}' -f $i) -Factory main | Out-Null
                    $script:parentCreated++
                    Get-CmDataFactory | Out-Null
                } catch { $parentErrors.Add("$($_.FullyQualifiedErrorId): $_") }
            }
        }
        New-Item -ItemType File -Path $stopFile | Out-Null
        if (-not $process.WaitForExit(120000)) { $process.Kill($true) }
        $process.WaitForExit()
        $script:childExit = $process.ExitCode
        $script:childOutput = $stdout.Result + $stderr.Result
        $process.Dispose()
        $script:childResult = if (Test-Path $resultPath) { Get-Content $resultPath -Raw | ConvertFrom-Json } else { $null }
    }

    AfterAll { Restore-StoreVariable }

    It 'the child process started, registered factories until told to stop, and exited with 0' {
        $childStarted | Should -BeTrue -Because $childOutput
        $childExit | Should -Be 0 -Because $childOutput
        $childResult.StoppedBySignal | Should -BeTrue
        @($childResult.Errors) | Should -BeNullOrEmpty
        @($childResult.Registered).Count | Should -BeGreaterThan 0
    }

    It 'this process created every IR meanwhile, with no error (no "database is locked")' {
        @($parentErrors) | Should -BeNullOrEmpty
        $parentCreated | Should -Be 15
    }

    It 'afterwards Get-CmDataFactory sees every factory of both processes, and the IRs' {
        $names = @(Get-CmDataFactory -ErrorVariable errs).Name
        $errs.Count | Should -Be 0
        $names.Count | Should -Be (@($childResult.Registered).Count + 1)
        $names | Should -Contain 'main'
        foreach ($name in $childResult.Registered) { $names | Should -Contain $name }
        (Get-CmDataFactory -Name main).IntegrationRuntimes | Should -Be 15
        @(Get-CmIntegrationRuntime -Factory main).Count | Should -Be 15
    }
}

Describe 'What the tables show' {
    BeforeAll {
        $script:store = Use-TestStore 'format'
        Register-CmDataFactory -Name fmt-factory -Local | Out-Null
        $script:created = New-CmIntegrationRuntime -Name ir-fmt
        $script:plain = Get-CmIntegrationRuntimeKey -Name ir-fmt -AsPlainText
        $script:secrets = @($plain.AuthKey1, $plain.AuthKey2, (Get-KeySecret $plain.AuthKey1), (Get-KeySecret $plain.AuthKey2))
    }

    AfterAll { Restore-StoreVariable }

    It 'Get-CmDataFactory shows the columns Name, Kind, Health' {
        $text = Get-CmDataFactory | Out-String -Width 250
        $text | Should -Match '(?m)^Name\s+Kind\s+Health\s'
        $text | Should -Match '(?m)^fmt-factory\s+Local\s+Healthy\s'
    }

    It 'New-CmIntegrationRuntime shows AuthKey1 as ********, and no key text' {
        $text = $created | Out-String -Width 250
        $text | Should -Match '(?m)^Name\s+Factory\s+State\s+AuthKey1\s'
        $text | Should -Match '(?m)^ir-fmt\s+fmt-factory\s+NeedRegistration\s+\*{8}\s'
        $all = $text + ($created | Format-List * | Out-String -Width 250) + ($created | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue)
        foreach ($secret in $secrets) { $all | Should -Not -Match ([regex]::Escape($secret)) }
    }

    It 'Get-CmIntegrationRuntimeKey shows ******** for both keys' {
        $text = Get-CmIntegrationRuntimeKey -Name ir-fmt | Out-String -Width 250
        $text | Should -Match '(?m)^ir-fmt\s+fmt-factory\s+\*{8}\s+\*{8}'
        foreach ($secret in $secrets) { $text | Should -Not -Match ([regex]::Escape($secret)) }
    }

    It 'Get-CmIntegrationRuntime shows the name, factory and state' {
        $text = Get-CmIntegrationRuntime | Out-String -Width 250
        $text | Should -Match '(?m)^Name\s+Factory\s+State\s'
        $text | Should -Match '(?m)^ir-fmt\s+fmt-factory\s+NeedRegistration\s'
    }
}
