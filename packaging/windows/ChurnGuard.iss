; Inno Setup script: the Windows installer for the one-folder app built by PyInstaller (packaging/churnguard.spec).
; Built by .github/workflows/build-apps.yml; by hand on Windows, after `pyinstaller packaging/churnguard.spec`:
;   iscc /DAppVersion=0.1.0 packaging\windows\ChurnGuard.iss
; Installs per user (no administrator needed; an administrator may choose "all users"), adds Start-menu and
; optional desktop shortcuts, and leaves the data (%LOCALAPPDATA%\ChurnGuard) in place on uninstall.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{4F2B7C1E-3D6A-4E8B-9C0F-5A1D2E3B4C6D}
AppName=ChurnGuard
AppVersion={#AppVersion}
AppVerName=ChurnGuard {#AppVersion}
AppPublisher=ChurnGuard
DefaultDirName={autopf}\ChurnGuard
DefaultGroupName=ChurnGuard
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
OutputDir=..\..\dist
OutputBaseFilename=ChurnGuard-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\ChurnGuard.exe
UninstallDisplayName=ChurnGuard

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese ships with recent Inno Setup releases; older ones build an English-only installer.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\ChurnGuard\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\ChurnGuard"; Filename: "{app}\ChurnGuard.exe"
Name: "{autodesktop}\ChurnGuard"; Filename: "{app}\ChurnGuard.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ChurnGuard.exe"; Description: "{cm:LaunchProgram,ChurnGuard}"; Flags: nowait postinstall skipifsilent
