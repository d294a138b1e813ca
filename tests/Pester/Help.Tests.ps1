#requires -Version 7.4
<#
.SYNOPSIS
    Module-wide help tests: every exported cmdlet has real help (from module/help/*.md) that matches
    the cmdlet's actual parameters, the about topic exists, and exported aliases resolve.
.DESCRIPTION
    Runs against the staged module in $env:CM_TEST_MODULE_PATH (set by tests/Invoke-PesterSuite.ps1).
    What is documented is read from the markdown with build/New-CmMamlHelp.ps1 -ListParameters;
    what is shown to users is read with Get-Help from the staged MAML; what is real is read from
    Get-Command / ParameterMetadata.
#>

BeforeDiscovery {
    if (-not $env:CM_TEST_MODULE_PATH) { throw 'CM_TEST_MODULE_PATH is not set; run the suite with tests/Invoke-PesterSuite.ps1 -ModulePath <staged module folder>.' }
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force -ErrorAction Stop
    $module = Get-Module CloudMigration
    $common = [System.Management.Automation.Cmdlet]::CommonParameters

    # One case per exported cmdlet; its parameters are the real ones minus the common parameters
    # (WhatIf/Confirm stay in: when they are documented, their documentation is checked too).
    $cmdletCases = @(foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
            $command = Get-Command -Name $name -Module CloudMigration -CommandType Cmdlet
            @{
                Name       = $name
                Parameters = @(foreach ($p in ($command.Parameters.Keys | Sort-Object)) {
                        if ($p -notin $common) { @{ Parameter = $p } }
                    })
            }
        })
    $aliasCases = @(foreach ($alias in ($module.ExportedAliases.Values | Sort-Object Name)) { @{ Alias = $alias.Name } })
}

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force -ErrorAction Stop
    $script:repoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:helpSource = Join-Path $script:repoRoot 'module/help'
    $script:module = Get-Module CloudMigration
    $script:exportedCmdlets = @($script:module.ExportedCmdlets.Keys)
    # WhatIf and Confirm are optional common parameters: they need not be documented, but may be.
    $script:notRequired = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $script:documented = @(& (Join-Path $script:repoRoot 'build/New-CmMamlHelp.ps1') -SourcePath $script:helpSource -ListParameters)

    # 'True (ByPropertyName, ByValue)' -> 'ByPropertyName,ByValue'; 'False' -> ''
    function script:ConvertTo-PipelineKey([string] $Text) {
        if ($Text -match '^\s*True\s*\((.*)\)\s*$') {
            return ((@($Matches[1] -split '\s*,\s*' | Where-Object { $_ }) | Sort-Object) -join ',')
        }
        if ($Text -match '^\s*False\s*$') { return '' }
        throw "Cannot read 'Accept pipeline input: $Text'; write False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)."
    }
    function script:Get-RealPipelineKey([System.Management.Automation.ParameterSetMetadata] $Set) {
        $kinds = @(
            if ($Set.ValueFromPipeline) { 'ByValue' }
            if ($Set.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
        )
        return (($kinds | Sort-Object) -join ',')
    }
    function script:Get-RealPosition([System.Management.Automation.ParameterSetMetadata] $Set) {
        if ($Set.Position -eq [int]::MinValue) { 'Named' } else { [string]$Set.Position }
    }
}

Describe 'Help markdown files' {
    It 'every help markdown file describes an exported cmdlet' {
        $files = @(Get-ChildItem -LiteralPath $script:helpSource -Filter '*.md' -File | Where-Object Name -notlike 'about_*')
        $stale = @($files.BaseName | Where-Object { $_ -notin $script:exportedCmdlets })
        $stale | Should -BeNullOrEmpty -Because 'help for a cmdlet the module does not export is stale'
    }
}

Describe 'Help for <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command -Name $Name -Module CloudMigration -CommandType Cmdlet
        $help = Get-Help -Name $Name -Full
        $docs = @($script:documented | Where-Object Command -eq $Name)
    }

    It 'has a markdown file module/help/<Name>.md' {
        Join-Path $script:helpSource "$Name.md" | Should -Exist
    }

    It 'has a synopsis from the markdown, not the generated syntax stub' {
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$Name*" -Because 'without help, Get-Help shows the syntax as the synopsis'
    }

    It 'has a description' {
        $text = (@($help.description) | ForEach-Object { $_.Text }) -join "`n"
        $text.Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example, and every example has code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "example '$($example.title.Trim('- '))' needs code"
        }
    }

    It 'shows one syntax block per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'lists every declared output type under OUTPUTS' {
        $documentedOutputs = @($help.returnValues.returnValue | ForEach-Object { "$($_.type.name)".Trim() })
        foreach ($type in $command.OutputType) {
            $documentedOutputs | Should -Contain $type.Name -Because 'OUTPUTS should name the real output types'
        }
    }

    It 'documents every parameter' {
        $missing = @($command.Parameters.Keys | Where-Object { $_ -notin $script:notRequired -and $_ -notin $docs.Parameter })
        $missing | Should -BeNullOrEmpty -Because "every parameter of $Name needs a '### -Name' section under '## PARAMETERS'"
    }

    It 'documents only parameters the cmdlet has' {
        $extra = @($docs.Parameter | Where-Object { -not $command.Parameters.ContainsKey($_) -or $_ -in [System.Management.Automation.Cmdlet]::CommonParameters })
        $extra | Should -BeNullOrEmpty -Because "$Name has no such parameter"
    }

    Context 'parameter -<Parameter>' -ForEach $Parameters {
        BeforeAll {
            $meta = $command.Parameters[$Parameter]
            $doc = $docs | Where-Object Parameter -eq $Parameter | Select-Object -First 1
            $skipReason = if (-not $doc) {
                if ($Parameter -in $script:notRequired) { "-$Parameter is optional to document" }
                else { "-$Parameter is not documented (reported by 'documents every parameter')" }
            }
        }

        It 'has the documented type' {
            if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
            $doc.Type | Should -BeIn @($meta.ParameterType.Name, $meta.ParameterType.FullName) -Because "-$Parameter is a $($meta.ParameterType.Name)"
        }

        It 'has the documented parameter sets' {
            if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
            $realSets = @($meta.ParameterSets.Keys)
            $allSets = @($command.ParameterSets.Name)
            $inEverySet = $realSets -contains '__AllParameterSets' -or -not (Compare-Object $realSets $allSets)
            if ($doc.ParameterSets -contains '(All)') {
                $inEverySet | Should -BeTrue -Because "-$Parameter is documented for (All) sets but is only in $($realSets -join ', ')"
            }
            else {
                ($doc.ParameterSets | Sort-Object) -join ', ' | Should -Be (($realSets | Sort-Object) -join ', ')
            }
        }

        It 'is documented Required/Position as declared, in every parameter set' {
            if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
            foreach ($set in $meta.ParameterSets.GetEnumerator()) {
                $doc.Required | Should -Be $set.Value.IsMandatory -Because "Required of -$Parameter in set '$($set.Key)'"
                $doc.Position | Should -Be (Get-RealPosition $set.Value) -Because "Position of -$Parameter in set '$($set.Key)'"
            }
        }

        It 'is documented with the pipeline input it accepts' {
            if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
            $documentedKey = ConvertTo-PipelineKey $doc.PipelineInput
            foreach ($set in $meta.ParameterSets.GetEnumerator()) {
                $documentedKey | Should -Be (Get-RealPipelineKey $set.Value) -Because "pipeline input of -$Parameter in set '$($set.Key)' (documented '$($doc.PipelineInput)')"
            }
        }

        It 'is documented with its aliases' {
            if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
            (@($doc.Aliases) | Sort-Object) -join ', ' | Should -Be ((@($meta.Aliases) | Sort-Object) -join ', ')
        }

        It 'shows a description and the right wildcard support in Get-Help' {
            if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
            $shown = @($help.parameters.parameter) | Where-Object { $_.name -eq $Parameter } | Select-Object -First 1
            $shown | Should -Not -BeNullOrEmpty -Because 'the staged MAML should contain the parameter (rebuild after editing markdown)'
            ((@($shown.description) | ForEach-Object { $_.Text }) -join ' ').Trim() | Should -Not -BeNullOrEmpty
            $supportsWildcards = [bool]@($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
            "$($shown.globbing)" | Should -Be $supportsWildcards.ToString().ToLowerInvariant() -Because "'Accept wildcard characters' of -$Parameter should match [SupportsWildcards]"
        }
    }
}

Describe 'about_CloudMigration' {
    BeforeAll {
        $about = Get-Help -Name about_CloudMigration
        $aboutText = ($about | Out-String)
    }

    It 'is found by Get-Help' {
        $about | Should -Not -BeNullOrEmpty
        @($about).Count | Should -Be 1
        $about.Name | Should -Be 'about_CloudMigration'
        "$($about.Synopsis)".Trim() | Should -Not -BeNullOrEmpty -Because 'the SHORT DESCRIPTION becomes the synopsis'
    }

    It 'has the standard about_ sections' {
        foreach ($section in 'TOPIC', 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'SEE ALSO') {
            $aboutText | Should -Match "(?m)^$section\s*$" -Because "about topics have a $section heading"
        }
    }

    It 'mentions <Name>' -ForEach $cmdletCases {
        $aboutText | Should -Match ([regex]::Escape($Name))
    }

    It 'lists every error id of the engine' {
        $errorIdsFile = Join-Path $script:repoRoot 'src/CloudMigration.Engine/Errors/ErrorIds.cs'
        $ids = @([regex]::Matches((Get-Content -LiteralPath $errorIdsFile -Raw), 'const string (\w+) = "(\w+)"') | ForEach-Object { $_.Groups[2].Value })
        $ids.Count | Should -BeGreaterThan 0
        $undocumented = @($ids | Where-Object { $aboutText -notmatch "\b$_\b" })
        $undocumented | Should -BeNullOrEmpty -Because 'error ids are public contract and belong in about_CloudMigration'
    }
}

Describe 'Exported alias <Alias>' -ForEach $aliasCases {
    BeforeAll {
        $aliasInfo = Get-Command -Name $Alias -CommandType Alias
        $target = $aliasInfo.ResolvedCommand
    }

    It 'resolves to a cmdlet exported by CloudMigration' {
        $target | Should -Not -BeNullOrEmpty
        $target.CommandType | Should -Be 'Cmdlet'
        $target.ModuleName | Should -Be 'CloudMigration'
        $target.Name | Should -BeIn $script:exportedCmdlets
    }

    It 'is declared by that cmdlet' {
        $declared = @($target.ImplementingType.GetCustomAttributes([System.Management.Automation.AliasAttribute], $true) | ForEach-Object AliasNames)
        $declared | Should -Contain $Alias -Because "the [Alias] attribute of $($target.Name) should name it"
    }

    It 'shows the markdown help of that cmdlet in Get-Help' {
        $aliasHelp = Get-Help -Name $Alias
        $aliasHelp.Name | Should -Be $target.Name
        $synopsis = "$($aliasHelp.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$($target.Name)*" -Because "Get-Help $Alias should show the written help, not the syntax stub"
    }
}

Describe 'Module manifest' {
    It 'lists in AliasesToExport exactly the aliases the cmdlets declare' {
        # PowerShell exports a binary cmdlet's [Alias] names with the cmdlet, but command discovery
        # (Get-Command and auto-loading before Import-Module) only knows the manifest's list.
        $declared = @(foreach ($name in $script:exportedCmdlets) {
                (Get-Command -Name $name -Module CloudMigration -CommandType Cmdlet).ImplementingType.GetCustomAttributes([System.Management.Automation.AliasAttribute], $true) | ForEach-Object AliasNames
            })
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1')
        $listed = @($manifest.AliasesToExport)
        (@($declared | Sort-Object) -join ', ') | Should -Be (@($listed | Sort-Object) -join ', ') -Because 'AliasesToExport should name every [Alias] of an exported cmdlet, and nothing else'
    }
}
