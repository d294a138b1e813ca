namespace CloudMigration.PowerShell.Tests; public class Placeholder {}
