<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../gui/about.py" line="37"/>
        <source>About MPP Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about.py" line="38"/>
        <source>&lt;b&gt;MPP Counter&lt;/b&gt; — consent for the KPK integrity survey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about.py" line="42"/>
        <source>{mpp_name} ({mpp_code}), counter {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about.py" line="45"/>
        <source>Shown after unlocking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about.py" line="49"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about.py" line="53"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about.py" line="54"/>
        <source>MPP and counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/about.py" line="55"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../gui/wizard.py" line="102"/>
        <source>Administrator passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="103"/>
        <source>It opens the administrator screens and recovers the store if every PIN is lost. Keep it somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="110"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="111"/>
        <source>Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="112"/>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="118"/>
        <source>too short (at least 10 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="118"/>
        <source>weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="119"/>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="119"/>
        <source>strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="130"/>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../gui/admin/screen.py" line="32"/>
        <source>Clerks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/screen.py" line="33"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/screen.py" line="34"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/screen.py" line="35"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../gui/admin/report.py" line="56"/>
        <source>No visits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <location filename="../../gui/wizard.py" line="136"/>
        <source>First clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="137"/>
        <source>The clerk unlocks the counter with this name and PIN. More clerks can be added later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="166"/>
        <source>6 digits or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="145"/>
        <source>Clerk&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="33"/>
        <source>Checking this PC&apos;s protected key storage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="146"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="147"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="168"/>
        <source>At least {n} characters: this PC has no protected key storage, so the PIN alone must resist guessing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="186"/>
        <source>The two PINs are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClerksPage</name>
    <message>
        <location filename="../../gui/admin/clerks.py" line="94"/>
        <source>Add clerk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="95"/>
        <source>Remove clerk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="96"/>
        <source>Reset PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="111"/>
        <source>Clerks who can unlock this counter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="134"/>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="148"/>
        <source>Add clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="155"/>
        <source>Clerk {name} added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="161"/>
        <source>Reset PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="167"/>
        <source>The PIN of {name} was reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="173"/>
        <source>Remove clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="174"/>
        <source>Remove {name}? Their PIN will no longer open this counter; the visits they recorded stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="177"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="178"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="181"/>
        <source>Clerk {name} removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentStep</name>
    <message>
        <location filename="../../gui/visit_steps.py" line="80"/>
        <source>[1] Agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_steps.py" line="81"/>
        <source>[2] Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_steps.py" line="82"/>
        <source>[3] Not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_steps.py" line="92"/>
        <source>Read this to the citizen:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../../gui/wizard.py" line="79"/>
        <source>This counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="80"/>
        <source>Which MPP and counter this PC serves, and its time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="88"/>
        <source>MPP code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="89"/>
        <source>MPP name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="90"/>
        <source>Counter name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="91"/>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="96"/>
        <source>Fill in the MPP code, the MPP name and the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../gui/statusbar.py" line="35"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="40"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="41"/>
        <source>Clerk: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="46"/>
        <source>Store OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="47"/>
        <source>Store OK, {n} rejected by central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="50"/>
        <source>The central refused some records. They are kept; the administrator should check them (mpp-counter status).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="53"/>
        <source>Not yet sent: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="54"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="55"/>
        <source>Last sync: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="61"/>
        <source>Not enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="62"/>
        <source>Offline: will retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="63"/>
        <location filename="../../gui/statusbar.py" line="65"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="64"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="66"/>
        <source>Sending failed: will retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="67"/>
        <source>Refused by central: enrol again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="76"/>
        <source>Store problem: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="79"/>
        <source>PDF only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="81"/>
        <source>Printer: {name} (failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/statusbar.py" line="83"/>
        <source>Printer: {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/window.py" line="73"/>
        <source>Preferences file ignored: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/window.py" line="83"/>
        <source>MPP Counter — consent for the integrity survey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/window.py" line="248"/>
        <source>Slip sent to {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/window.py" line="255"/>
        <source>The slip was not printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/window.py" line="256"/>
        <source>The visit is saved. The slip could not be printed:
{reason}

Check the printer, then reprint the slip from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/window.py" line="261"/>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/window.py" line="264"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneStep</name>
    <message>
        <location filename="../../gui/visit_steps.py" line="113"/>
        <source>3. Citizen&apos;s mobile number (WhatsApp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_steps.py" line="116"/>
        <source>Enter saves and prints the slip.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../gui/admin/clerks.py" line="56"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="57"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="61"/>
        <source>Clerk&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="62"/>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="63"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="74"/>
        <source>Checking this PC&apos;s protected key storage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/clerks.py" line="82"/>
        <source>The two PINs are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <location filename="../../gui/wizard.py" line="192"/>
        <source>Slip printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="193"/>
        <source>The receipt printer and its paper. Without a printer the slips are saved as PDF files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="198"/>
        <source>80 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="199"/>
        <source>58 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="203"/>
        <source>PDF only (no printer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="204"/>
        <source>Paper width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="205"/>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonStep</name>
    <message>
        <location filename="../../gui/visit_steps.py" line="130"/>
        <source>3. Why was the citizen not asked?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_steps.py" line="132"/>
        <source>Pick a reason (1–5 or arrows), then Enter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../gui/admin/report.py" line="92"/>
        <source>per service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="93"/>
        <source>per clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="94"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="97"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="101"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="101"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="108"/>
        <source>Grey: visits · blue: asked · green: agreed. Figures: visits · asked share · agreed share of asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="149"/>
        <source>{v} visits · asked {ar:.0%} · agreed {gr:.0%} of asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="156"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/report.py" line="169"/>
        <source>{n} rows written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceStep</name>
    <message>
        <location filename="../../gui/visit_steps.py" line="47"/>
        <source>Type a code or words, e.g. ktp, skck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_steps.py" line="56"/>
        <source>1. Service</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../gui/admin/settings.py" line="52"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="53"/>
        <source>After the central confirmed it received a number, the counter keeps it sealed this many days more (to repair a failed sync), then deletes it from the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="59"/>
        <source>PDF only (no printer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="65"/>
        <source>80 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="66"/>
        <source>58 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="71"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="78"/>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="85"/>
        <source>&lt;b&gt;This counter&lt;/b&gt; (saved in the encrypted store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="86"/>
        <source>MPP code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="87"/>
        <source>MPP name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="88"/>
        <source>Counter name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="89"/>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="90"/>
        <source>Keep sent numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="91"/>
        <source>&lt;b&gt;This PC&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="92"/>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="93"/>
        <source>Paper width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="94"/>
        <source>Lock after idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="95"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="126"/>
        <source>Fill in the MPP code, the MPP name and the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="145"/>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/admin/settings.py" line="146"/>
        <source>Settings saved. {n} sealed numbers past the retention period were deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../gui/wizard.py" line="237"/>
        <source>Set up this counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="240"/>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="241"/>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="242"/>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="243"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="271"/>
        <source>Creating the encrypted store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="289"/>
        <source>The store was not created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/wizard.py" line="291"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlipPreview</name>
    <message>
        <location filename="../../gui/slip_preview.py" line="41"/>
        <source>Slip {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/slip_preview.py" line="50"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/slip_preview.py" line="53"/>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/slip_preview.py" line="56"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/slip_preview.py" line="72"/>
        <source>Save the slip as PDF</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../gui/today.py" line="44"/>
        <source>Today at this counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="54"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="54"/>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="54"/>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="54"/>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="55"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="55"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="65"/>
        <source>Reprint slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="67"/>
        <source>Withdraw consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="69"/>
        <source>Slip lost? Withdraw by number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="100"/>
        <source>Visits: {v} · asked: {a} ({ar:.0%}) · agreed: {g} ({gr:.0%} of asked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="108"/>
        <source>{outcome} (withdrawn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="153"/>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="154"/>
        <source>Withdraw the consent with receipt {code} ({masked})? The number will not be used for the survey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="158"/>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="159"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="180"/>
        <source>Withdrawal for {masked} recorded at {time}; it goes to the central with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="186"/>
        <source>Could not do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/today.py" line="188"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../gui/unlock.py" line="61"/>
        <source>Unlock the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="74"/>
        <location filename="../../gui/unlock.py" line="148"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="76"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="97"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="100"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="141"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="148"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="162"/>
        <source>Type your PIN, then press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="174"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="214"/>
        <source>You may try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/unlock.py" line="219"/>
        <source>Wait {n} s before the next try.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitFlow</name>
    <message>
        <location filename="../../gui/visit_flow.py" line="59"/>
        <source>Ready for the next citizen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="69"/>
        <source>Esc cancels this visit · Ctrl+L locks the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="151"/>
        <source>Visit cancelled: nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="160"/>
        <source>2. Consent — {service}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="164"/>
        <source>Survey: {name} · channel: {channel} · official sender: {sender} {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="191"/>
        <source>Type the number, e.g. 0812…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="200"/>
        <source>✓ {masked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="220"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="231"/>
        <source>Saved: {service} · {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="234"/>
        <source>receipt {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="242"/>
        <source>Not saved. The visit is still on screen: try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="243"/>
        <source>The visit was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/visit_flow.py" line="245"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WithdrawByNumberDialog</name>
    <message>
        <location filename="../../gui/withdraw_number.py" line="41"/>
        <source>Withdraw consent by number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="42"/>
        <source>The citizen lost the slip? Type the mobile number the consent was given with. Every consent with this number is withdrawn at the central after the next sync; the number is not used for the survey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="56"/>
        <source>Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="60"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="77"/>
        <source>Type the number, e.g. 0812…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="86"/>
        <source>✓ {masked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="94"/>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="95"/>
        <source>Withdraw every consent given with {masked}? The number will not be used for the survey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="99"/>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="100"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/withdraw_number.py" line="125"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../gui/messages.py" line="16"/>
        <source>A PIN must be at least 6 digits, digits only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="17"/>
        <source>A clerk name must be 1 to 60 printable characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="18"/>
        <source>A consent needs the citizen&apos;s mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="19"/>
        <source>A number is only recorded when the citizen agrees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="20"/>
        <source>A phone number cannot contain letters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="21"/>
        <source>A receipt code has 9 characters, like ABCD-EFGH-K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="22"/>
        <source>A sealed number cannot be opened with this key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="23"/>
        <source>A store already exists in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="24"/>
        <location filename="../../gui/messages.py" line="146"/>
        <source>Could not write {name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="25"/>
        <source>Enter only one phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="26"/>
        <source>Enter the phone number as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="27"/>
        <source>Enter the phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="28"/>
        <source>Extensions are not allowed: enter a mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="29"/>
        <source>No consent with receipt code {code} at this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="30"/>
        <source>No store in {path}: run &apos;mpp-counter init&apos; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="31"/>
        <source>Only the administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="32"/>
        <location filename="../../gui/messages.py" line="148"/>
        <source>Something went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="33"/>
        <source>That is too long to be one phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="34"/>
        <source>The administrator passphrase must be at least 10 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="35"/>
        <source>The campaign key is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="36"/>
        <source>The catalog lists service {code} twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="37"/>
        <source>The central at {host} is busy (HTTP {status}) and asks to try again in {seconds} seconds. Nothing was lost: what was not sent is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="38"/>
        <source>The central at {host} is busy (HTTP {status}); try again in a few minutes. Nothing was lost: what was not sent is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="39"/>
        <source>The counter is enrolled, but the escrow key could not be removed from keys.json yet: {reason} The next sync removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="40"/>
        <source>The counter is locked: unlock it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="41"/>
        <source>The database file cannot be created: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="42"/>
        <source>The database file cannot be opened: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="43"/>
        <source>The database file cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="44"/>
        <source>The database file is damaged or does not belong to this key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="45"/>
        <source>The database file is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="46"/>
        <source>The database file is truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="47"/>
        <source>The database is busy or cannot be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="48"/>
        <source>The database is damaged: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="49"/>
        <source>The disk is full: the store cannot be opened. Free some space on the disk and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="50"/>
        <source>The disk is full: this change was not saved. Free some space on the disk and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="51"/>
        <source>The disk is read-only and the store cannot be opened from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="52"/>
        <source>The disk is read-only: this change was not saved. The data folder must be writable again before anything can be recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="53"/>
        <source>The disk reported an I/O error while opening the store. The disk may be failing: copy the data folder to a healthy disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="54"/>
        <source>The disk reported an I/O error: this change was not saved. The disk may be failing: copy the data folder to a healthy disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="55"/>
        <source>The enrolment code is used up but the counter could not save its enrolment: {reason} Ask the central office for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="56"/>
        <source>The key does not open this database (wrong key or damaged file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="57"/>
        <source>The key file cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="58"/>
        <source>The key file is damaged or is not an mpp-counter key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="59"/>
        <source>The key file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="60"/>
        <source>The key file was written by a newer mpp-counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="61"/>
        <source>The number has characters that do not belong in a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="62"/>
        <source>The number is too long for an Indonesian mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="63"/>
        <source>The number is too short for an Indonesian mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="64"/>
        <source>The record was not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="65"/>
        <source>The store has no active survey campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="66"/>
        <source>The {where} file has a malformed service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="67"/>
        <source>The {where} file has an agency without services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="68"/>
        <source>The {where} file has malformed keywords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="69"/>
        <source>The {where} file has no list of agencies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="70"/>
        <source>The {where} file is missing a valid &apos;{key}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="71"/>
        <source>The {where} file is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="72"/>
        <source>The {where} file is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="73"/>
        <source>The {where} file lists no services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="74"/>
        <source>There is already a clerk called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="75"/>
        <source>There is no clerk called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="76"/>
        <source>This PIN is too easy to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="77"/>
        <source>This is a foreign number: only Indonesian mobile numbers (+62 8…) can be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="78"/>
        <source>This is a landline number: enter a mobile number (08…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="79"/>
        <source>This is an unencrypted SQLite file, not an mpp-counter store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="80"/>
        <source>This is not a receipt code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="81"/>
        <source>This is not a valid Indonesian mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="82"/>
        <source>This is not an Indonesian mobile number (they start with 08).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="83"/>
        <source>This receipt code has a typing mistake: check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="84"/>
        <source>This store was made by a newer mpp-counter (schema {v}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="85"/>
        <source>Too many wrong attempts. Wait {seconds} seconds and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="86"/>
        <source>Unknown reason &apos;{reason}&apos; for not asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="87"/>
        <source>Unknown service code &apos;{code}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="88"/>
        <source>Unknown time zone &apos;{zone}&apos;: use WIB, WITA or WIT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="89"/>
        <source>Unknown user or wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="90"/>
        <source>Wrong passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="95"/>
        <source>A PIN must not contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="96"/>
        <source>Could not back up the store before upgrading it: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="97"/>
        <source>Numbers are sealed to the escrow key but this session does not hold it; unlock with the administrator passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="98"/>
        <source>Only the administrator can enrol this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="99"/>
        <source>Refusing plain http:// to {host}: the central must use https:// (http is only allowed to this PC itself).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="100"/>
        <source>The central at {host} cannot be reached ({why}); the records are kept and will be sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="101"/>
        <source>The central at {host} presented a certificate this PC does not trust; nothing was sent. Check the address and the PC&apos;s date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="102"/>
        <source>The central is unavailable (HTTP {status}); the records are kept and will be sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="103"/>
        <source>The central refused the enrolment: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="104"/>
        <source>The central refused the {what} (HTTP {status}: {reason}); the records are kept and flagged for the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="105"/>
        <source>The central refused this counter (HTTP {status}: {reason}). Its enrolment was revoked or is invalid: enrol it again with a new code. The records are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="106"/>
        <source>The central sent a campaign without a public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="107"/>
        <source>The central sent no campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="108"/>
        <source>The central&apos;s address must not carry a user, a query or a fragment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="109"/>
        <source>The central&apos;s address must start with https:// and name a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="110"/>
        <source>The central&apos;s enrolment answer has no usable campaign key; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="111"/>
        <source>The central&apos;s enrolment answer has no valid device id; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="112"/>
        <source>The central&apos;s enrolment answer has no valid token; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="113"/>
        <source>The central&apos;s enrolment answer is not JSON; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="114"/>
        <source>The enrolment code is not valid: it looks like ABCD-EFGH-JKMN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="115"/>
        <source>The retention period must be a whole number of days from 0 to {max}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="116"/>
        <source>This clerk&apos;s PIN only works on the computer and user account where it was set up. The administrator&apos;s passphrase still opens the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="117"/>
        <source>This computer has no protected key storage, so a clerk PIN must be at least {n} characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="118"/>
        <source>This counter is not enrolled yet: run &apos;mpp-counter enrol URL CODE&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="119"/>
        <source>The central answered without acknowledging any record; they are kept and will be sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="120"/>
        <source>The central&apos;s catalog is unusable ({why}); the cached one is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="121"/>
        <source>The central&apos;s catalog names a campaign without a public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="122"/>
        <source>The central&apos;s health check answered HTTP {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="123"/>
        <source>The central&apos;s catalog names a campaign key that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="124"/>
        <source>The central&apos;s address answers with a redirect (HTTP {status}); set the exact https:// address of the central. The records are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="128"/>
        <source>no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="129"/>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="130"/>
        <source>too many failed attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="171"/>
        <source>No printer is set up on this computer. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="172"/>
        <source>The printer &apos;{printer}&apos; could not print the slip. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="173"/>
        <source>The printer &apos;{printer}&apos; does not exist on this computer. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="174"/>
        <source>The printer &apos;{printer}&apos; does not take {width} mm paper. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="175"/>
        <source>The printer &apos;{printer}&apos; is not accepting jobs. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="176"/>
        <source>The printer &apos;{printer}&apos; is paused (disabled). The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="177"/>
        <source>The printer &apos;{printer}&apos; is stopped or in an error state. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="178"/>
        <source>The printer &apos;{printer}&apos; refused the slip. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="179"/>
        <source>Slip printing is not available in this installation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../gui/messages.py" line="153"/>
        <source>Agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="154"/>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="155"/>
        <source>Not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="158"/>
        <source>Has no mobile phone / WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="159"/>
        <source>Under age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="160"/>
        <source>Came on someone else&apos;s behalf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="161"/>
        <source>Language barrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="162"/>
        <source>Other reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="165"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="166"/>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="167"/>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/messages.py" line="168"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
