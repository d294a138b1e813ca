#requires -Version 7.4
# Export-CmPipeline driven the way a user drives it: the sample, a local factory in a store of its own, Start-CmSetup,
# then an export into a folder given relative to the PowerShell location; the files against the factory's entities,
# a second export byte-identical, other files left alone, -WhatIf (the files listed, nothing written), and a
# destination without a setup. The module's types live in their own load context, so objects are checked by
# PSObject.TypeNames, not -BeOfType.

BeforeAll {
    Import-Module (Join-Path $env:CM_TEST_MODULE_PATH 'CloudMigration.psd1') -Force

    function New-Sample([string] $Name) {
        New-CmSampleEnvironment -Path (Join-Path $TestDrive $Name) -RowsPerTable 2 -Confirm:$false
    }

    # Relative path -> SHA256 of every file under a folder.
    function Get-FolderHash([string] $Folder) {
        $hashes = [ordered]@{}
        foreach ($file in Get-ChildItem -LiteralPath $Folder -File -Recurse -Force | Sort-Object FullName) {
            $hashes[[IO.Path]::GetRelativePath($Folder, $file.FullName)] = (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash
        }
        $hashes
    }
}

Describe 'Export-CmPipeline after Start-CmSetup' {
    BeforeAll {
        $script:sample = New-Sample 'export-sample'
        $script:store = Join-Path $TestDrive 'export-store/factories.db'
        Register-CmDataFactory -Name cm-export-01 -Local -StorePath $store -Confirm:$false | Out-Null
        $script:setup = Start-CmSetup -Source $sample.Source -Destination $sample.Destination -StorePath $store -Confirm:$false
        $script:work = Join-Path $TestDrive 'work'
        New-Item -ItemType Directory -Path $work | Out-Null
        Push-Location $work
        $script:files = @(Export-CmPipeline -Destination $sample.Destination -Path adf -StorePath $store)
        $script:folder = Join-Path $work 'adf'
    }

    AfterAll {
        Pop-Location
        Unregister-CmDataFactory -Name cm-export-01 -Force -Confirm:$false -StorePath $store -ErrorAction SilentlyContinue
    }

    It 'the setup is Ready' {
        $setup.Status.ToString() | Should -Be 'Ready'
    }

    It 'writes one file per entity and the two template files under the folder relative to the location' {
        $files | Should -HaveCount 8
        $files | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'CloudMigration.Engine.Setup.ExportedFile' }
        $files | ForEach-Object { $_.Path | Should -Exist; $_.Path | Should -BeLike (Join-Path $folder '*') }
        @($files | ForEach-Object { $_.Kind.ToString() } | Sort-Object -Unique) |
            Should -Be @('ArmTemplate', 'ArmTemplateParameters', 'Dataset', 'IntegrationRuntime', 'LinkedService', 'Pipeline')
        Join-Path $folder "integrationRuntime/$($setup.IntegrationRuntime).json" | Should -Exist
        Join-Path $folder 'arm-template.json' | Should -Exist
        Join-Path $folder 'arm-template.parameters.json' | Should -Exist
    }

    It 'exports exactly the factory resources of the setup, each in its kind''s folder' {
        $entities = @($files | Where-Object { $_.Kind.ToString() -in 'LinkedService', 'Dataset', 'Pipeline' })
        @($entities.Name | Sort-Object) | Should -Be @($setup.FactoryResources | Sort-Object)
        foreach ($file in $entities) {
            $folderName = @{ LinkedService = 'linkedService'; Dataset = 'dataset'; Pipeline = 'pipeline' }[$file.Kind.ToString()]
            $file.RelativePath | Should -Be "$folderName/$($file.Name).json"
            (Get-Content -LiteralPath $file.Path -Raw | ConvertFrom-Json).name | Should -Be $file.Name
        }
    }

    It 'writes a template with one resource per entity, and the factory name in the parameters file' {
        $template = Get-Content -LiteralPath (Join-Path $folder 'arm-template.json') -Raw | ConvertFrom-Json
        $template.'$schema' | Should -Be 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'
        $template.contentVersion | Should -Be '1.0.0.0'
        $names = @($template.resources | ForEach-Object { $_.name -replace "^\[concat\(parameters\('factoryName'\), '/(.+)'\)\]$", '$1' })
        @($names | Sort-Object) | Should -Be @($files | Where-Object { $_.Kind.ToString() -notlike 'ArmTemplate*' } | ForEach-Object Name | Sort-Object)
        $template.resources | ForEach-Object { $_.apiVersion | Should -Be '2018-06-01'; $_.type | Should -BeLike 'Microsoft.DataFactory/factories/*' }
        $replication = $template.resources | Where-Object type -eq 'Microsoft.DataFactory/factories/pipelines'
        @($replication.dependsOn) | Should -HaveCount 3
        (Get-Content -LiteralPath (Join-Path $folder 'arm-template.parameters.json') -Raw | ConvertFrom-Json).parameters.factoryName.value | Should -Be 'cm-export-01'
    }

    It 'writes LF line ends and no byte order mark' {
        foreach ($file in $files) {
            $bytes = [IO.File]::ReadAllBytes($file.Path)
            $bytes | Should -Not -Contain ([byte]13)
            $bytes[0] | Should -Be ([byte][char]'{')
            $bytes[-1] | Should -Be ([byte]10)
        }
    }

    It 'shows the files in a table' {
        $text = $files | Out-String -Width 200
        $text | Should -Match 'Kind\s+Name\s+Path'
        $text | Should -Match 'ArmTemplateParameters\s+arm-template\.parameters'
    }

    It 'exports again byte-identical, replaces an edited file and leaves other files alone' {
        $before = Get-FolderHash $folder
        Set-Content -LiteralPath (Join-Path $folder 'README.md') -Value 'notes of my own'
        Set-Content -LiteralPath (Join-Path $folder 'arm-template.json') -Value '{ "edited": true }'

        $again = @(Export-CmPipeline $sample.Destination adf -StorePath $store)

        $again | Should -HaveCount 8
        $after = Get-FolderHash $folder
        Get-Content -LiteralPath (Join-Path $folder 'README.md') | Should -Be 'notes of my own'
        $after.Remove('README.md')
        ($after.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join "`n" |
            Should -Be (($before.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join "`n")
    }

    It 'takes the setup from the pipeline (Get-CmSetup | Export-CmPipeline)' {
        $piped = @(Get-CmSetup $sample.Destination | Export-CmPipeline -Path piped -StorePath $store)

        $piped | Should -HaveCount 8
        $exported = Get-FolderHash $folder
        foreach ($entry in (Get-FolderHash (Join-Path $work 'piped')).GetEnumerator()) {
            $entry.Value | Should -Be $exported[$entry.Key] -Because "$($entry.Key) should be the same whichever way the destination came"
        }
    }

    It '-WhatIf lists every file and writes nothing' {
        $transcript = Join-Path $TestDrive 'whatif-transcript.txt'
        Start-Transcript -LiteralPath $transcript -UseMinimalHeader | Out-Null
        try {
            $out = @(Export-CmPipeline -Destination $sample.Destination -Path whatif -StorePath $store -WhatIf)
        }
        finally { Stop-Transcript | Out-Null }

        $out | Should -HaveCount 0
        Join-Path $work 'whatif' | Should -Not -Exist
        $lines = @(Get-Content -LiteralPath $transcript | Where-Object { $_ -like 'What if:*' })
        $lines | Should -HaveCount 8
        foreach ($file in $files) {
            $expected = $file.Path.Replace((Join-Path $work 'adf'), (Join-Path $work 'whatif'))
            @($lines | Where-Object { $_.Contains("on target `"$expected`"") }) | Should -HaveCount 1 -Because "-WhatIf should name $expected"
        }
    }
}

Describe 'Export-CmPipeline of a destination without a setup' {
    BeforeAll {
        $script:sample = New-Sample 'nosetup-sample'
        $script:store = Join-Path $TestDrive 'nosetup-store/factories.db'
        $script:target = Join-Path $TestDrive 'nosetup-adf'
    }

    It 'writes a non-terminating SetupNotFound error and nothing else' {
        $out = @(Export-CmPipeline -Destination $sample.Destination -Path $target -StorePath $store -ErrorVariable err -ErrorAction SilentlyContinue)

        $out | Should -HaveCount 0
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SetupNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $target | Should -Not -Exist
        $store | Should -Not -Exist -Because 'an export only reads; it never creates a factory store'
    }

    It 'stops with -ErrorAction Stop' {
        { Export-CmPipeline $sample.Destination $target -StorePath $store -ErrorAction Stop } | Should -Throw -ErrorId 'SetupNotFound,CloudMigration.PowerShell.Commands.Setup.ExportCmPipelineCommand'
    }
}
