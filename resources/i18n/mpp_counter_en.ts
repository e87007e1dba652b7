<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="38"/>
        <source>About MPP Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="39"/>
        <source>&lt;b&gt;MPP Counter&lt;/b&gt; — consent for the KPK integrity survey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="43"/>
        <source>{mpp_name} ({mpp_code}), counter {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="47"/>
        <source>Shown after unlocking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="51"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="55"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="56"/>
        <source>MPP and counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/about.py" line="57"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="41"/>
        <source>Administrator passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="43"/>
        <source>It opens the administrator screens and recovers the store if every PIN is lost. Keep it somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="52"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="53"/>
        <source>Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="54"/>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="61"/>
        <source>too short (at least 10 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="62"/>
        <source>weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="63"/>
        <source>fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="64"/>
        <source>strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="76"/>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/screen.py" line="46"/>
        <source>Clerks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/screen.py" line="47"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/screen.py" line="48"/>
        <source>Enrolment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/screen.py" line="49"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/screen.py" line="50"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="56"/>
        <source>No visits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CentralPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_central.py" line="25"/>
        <source>Central office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_central.py" line="27"/>
        <source>Enrol this counter at the central with the address and the one-time code the central office gave you, or do it later on the administrator screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_central.py" line="37"/>
        <source>&amp;Later: enrol on the administrator screen when the code arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_central.py" line="41"/>
        <source>Central address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_central.py" line="42"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_central.py" line="70"/>
        <source>Enter the central&apos;s address and the enrolment code, or choose Later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CitizenScreen</name>
    <message>
        <location filename="../../src/mpp_counter/gui/citizen_screen.py" line="55"/>
        <source>For the citizen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/citizen_screen.py" line="70"/>
        <source>Is this your number? Check the last four digits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClerkPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="83"/>
        <source>First clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="85"/>
        <source>The clerk unlocks the counter with this name and PIN. More clerks can be added later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="118"/>
        <source>6 digits or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="95"/>
        <source>Clerk&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="22"/>
        <source>Checking this PC&apos;s protected key storage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="96"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="97"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="122"/>
        <source>At least {n} characters: this PC has no protected key storage, so the PIN alone must resist guessing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard_secrets.py" line="142"/>
        <source>The two PINs are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClerksPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="106"/>
        <source>Add clerk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="107"/>
        <source>Remove clerk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="108"/>
        <source>Reset PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="123"/>
        <source>Clerks who can unlock this counter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="147"/>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="162"/>
        <source>Add clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="170"/>
        <source>Clerk {name} added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="177"/>
        <source>Reset PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="185"/>
        <source>The PIN of {name} was reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="194"/>
        <source>Remove clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="196"/>
        <source>Remove {name}? Their PIN will no longer open this counter; the visits they recorded stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="201"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="202"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="207"/>
        <source>Clerk {name} removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentStep</name>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="130"/>
        <source>[1] Agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="131"/>
        <source>[2] Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="132"/>
        <source>[3] Not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="143"/>
        <source>Read this to the citizen:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="122"/>
        <source>Save &quot;declined&quot; (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="155"/>
        <source>2. Consent — {service}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="162"/>
        <source>Survey: {name} · channel: {channel} · official sender: {sender} {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="175"/>
        <source>Declined. Enter saves · Backspace goes back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="41"/>
        <source>This counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="42"/>
        <source>Which MPP and counter this PC serves, and its time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="51"/>
        <source>MPP code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="52"/>
        <source>MPP name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="53"/>
        <source>Counter name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="54"/>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="59"/>
        <source>Fill in the MPP code, the MPP name and the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="36"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="43"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="45"/>
        <source>Clerk: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="52"/>
        <source>Store OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="54"/>
        <source>Store OK, {n} rejected by central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="75"/>
        <source>Not yet sent: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="76"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="77"/>
        <source>Last sync: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="86"/>
        <source>Enrolled: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="91"/>
        <source>Not enrolled at the central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="95"/>
        <source>Visits are recorded and kept here. The administrator enrols this counter on the administrator screen (Enrolment tab) with the central&apos;s one-time code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="108"/>
        <source>Offline: will retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="109"/>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="111"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="110"/>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="112"/>
        <source>Sending failed: will retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="113"/>
        <source>Refused by central: enrol again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="122"/>
        <source>Store problem: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="125"/>
        <source>none, slip on screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="127"/>
        <source>Printer: {name} (failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="129"/>
        <source>Printer: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="66"/>
        <source>Numbers not saved: survey key differs from the central&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="60"/>
        <source>The central refused some records. They are kept, not lost; tell the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/statusbar.py" line="70"/>
        <source>The survey key in use is not the central&apos;s. Consents cannot be saved until the administrator enrols this counter again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolmentPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="111"/>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="116"/>
        <source>Central address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="112"/>
        <source>Device id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="113"/>
        <source>Survey campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="114"/>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="117"/>
        <source>Enrolment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="141"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="154"/>
        <source>This counter is not enrolled at the central yet: what it records stays here until it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="160"/>
        <source>&lt;b&gt;Enrol&lt;/b&gt; with the one-time code from the central office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="161"/>
        <source>&amp;Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="166"/>
        <source>The central has revoked this counter: nothing is sent until it is enrolled again with a new code. The records are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="173"/>
        <source>&lt;b&gt;Enrol again&lt;/b&gt; with a new one-time code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="174"/>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="183"/>
        <source>&amp;Enrol again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="177"/>
        <source>This counter is enrolled at the central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="180"/>
        <source>&lt;b&gt;Enrol again&lt;/b&gt; (another central, or after a revocation) with a new one-time code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="214"/>
        <source>Enrolling at the central…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="222"/>
        <source>Enrolled: device {device}, campaign {campaign}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/enrolment.py" line="232"/>
        <source>Not enrolled: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/mpp_counter/gui/window.py" line="85"/>
        <source>Preferences file ignored: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/window.py" line="98"/>
        <source>MPP Counter — consent for the integrity survey</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfFileDialog</name>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="103"/>
        <source>Save the slip as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="104"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="107"/>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="108"/>
        <source>File name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="109"/>
        <source>File type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="110"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="111"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneStep</name>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="203"/>
        <source>3. Citizen&apos;s mobile number (WhatsApp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="212"/>
        <source>Read the number back to the citizen. Enter saves and prints the slip · Backspace on an empty field goes back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="229"/>
        <source>Type the number, e.g. 0812…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="238"/>
        <source>✓ {masked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="244"/>
        <source>This number was already recorded today at this counter. Ask whether the citizen gave it before.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="58"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="59"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="63"/>
        <source>Clerk&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="64"/>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="65"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="77"/>
        <source>Checking this PC&apos;s protected key storage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/clerks.py" line="85"/>
        <source>The two PINs are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintBanner</name>
    <message>
        <location filename="../../src/mpp_counter/gui/print_banner.py" line="51"/>
        <source>Retry printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/print_banner.py" line="53"/>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/print_banner.py" line="55"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/print_banner.py" line="71"/>
        <source>Let the citizen photograph the code on the screen, or retry when the printer is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/print_banner.py" line="87"/>
        <source>The slip was not printed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/print_banner.py" line="89"/>
        <source>The printer says: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/print_banner.py" line="134"/>
        <source>The last slip was not printed. Retry, or reprint it from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="66"/>
        <source>Slip printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="74"/>
        <source>80 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="75"/>
        <source>58 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="79"/>
        <source>No printer (slip shown on screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="80"/>
        <source>Paper width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="81"/>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="68"/>
        <source>The receipt printer and its paper. Without a printer the slip is shown on screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="113"/>
        <source>&amp;Select All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="114"/>
        <source>&amp;Step up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="115"/>
        <source>Step &amp;down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="40"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="43"/>
        <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="47"/>
        <source>%1
File not found.
Please verify the correct file name was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="50"/>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="51"/>
        <source>&amp;Choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="52"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="53"/>
        <source>&amp;Look in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="54"/>
        <source>&amp;New Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="55"/>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="56"/>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="57"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="58"/>
        <source>&apos;%1&apos; is write protected.
Do you want to delete it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="59"/>
        <source>All Files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="60"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="61"/>
        <source>Are you sure you want to delete &apos;%1&apos;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="62"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="63"/>
        <source>Change to detail view mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="64"/>
        <source>Change to list view mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="65"/>
        <source>Could not delete directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="66"/>
        <source>Create New Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="67"/>
        <source>Create a New Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="68"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="69"/>
        <source>Detail View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="70"/>
        <source>Directories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="71"/>
        <source>Directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="72"/>
        <source>File &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="73"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="74"/>
        <source>Files of &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="75"/>
        <source>Find Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="76"/>
        <source>Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="77"/>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="78"/>
        <source>Go forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="79"/>
        <source>Go to the parent directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="80"/>
        <source>List View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="81"/>
        <source>List of places and bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="82"/>
        <source>New Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="83"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="84"/>
        <source>Parent Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="85"/>
        <source>Recent Places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="86"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="87"/>
        <source>Save As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="88"/>
        <source>Show </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="89"/>
        <source>Show &amp;hidden files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="90"/>
        <source>Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="91"/>
        <source>Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="92"/>
        <source>Date Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="93"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="94"/>
        <source>My Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="95"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="96"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="97"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QGnomeTheme</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="35"/>
        <source>&amp;OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="36"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="37"/>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="38"/>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="39"/>
        <source>Close without Saving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="98"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="99"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="100"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="101"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="102"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="103"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="104"/>
        <source>Select All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="41"/>
        <source>Show Details...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="42"/>
        <source>Hide Details...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="17"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="18"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="19"/>
        <source>Save All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="20"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="21"/>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="22"/>
        <source>Yes to &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="23"/>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="24"/>
        <source>N&amp;o to All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="25"/>
        <source>Abort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="26"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="27"/>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="28"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="29"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="30"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="31"/>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="32"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="33"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="34"/>
        <source>Restore Defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="105"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="106"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="107"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="108"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="109"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="110"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="111"/>
        <source>Select All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/qt_strings.py" line="112"/>
        <source>Copy &amp;Link Location</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonStep</name>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="266"/>
        <source>3. Why was the citizen not asked?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="270"/>
        <source>Pick a reason (1–5 or arrows), then Enter · Backspace goes back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="99"/>
        <source>per service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="100"/>
        <source>per clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="101"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="104"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="109"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="111"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="123"/>
        <source>Grey: visits · blue: asked · green: agreed. Figures: visits · asked share · agreed share of asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="170"/>
        <source>{v} visits · asked {ar:.0%} · agreed {gr:.0%} of asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="180"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/report.py" line="195"/>
        <source>{n} rows written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceStep</name>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="57"/>
        <source>Type a code or words, e.g. ktp, skck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="72"/>
        <source>1. Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="66"/>
        <source>No service matches. Type fewer letters or a code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_steps.py" line="78"/>
        <source>★ this counter&apos;s favourites · ↻ used today · arrows, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="72"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="75"/>
        <source>After the central confirmed it received a number, the counter keeps it sealed this many days more (to repair a failed sync), then deletes it from the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="83"/>
        <source>No printer (slip shown on screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="87"/>
        <source>Refresh list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="90"/>
        <source>Print a test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="100"/>
        <source>80 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="101"/>
        <source>58 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="106"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="110"/>
        <source>Show the notice and the masked number on a second screen facing the citizen, when there is one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="121"/>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="128"/>
        <source>&lt;b&gt;This counter&lt;/b&gt; (saved in the encrypted store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="129"/>
        <source>MPP code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="130"/>
        <source>MPP name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="131"/>
        <source>Counter name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="132"/>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="133"/>
        <source>Delete sent numbers after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="134"/>
        <source>&lt;b&gt;This PC&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="135"/>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="136"/>
        <source>Paper width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="137"/>
        <source>Lock after idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="138"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="139"/>
        <source>Second screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="187"/>
        <source>This counter is enrolled at the central: its MPP code and counter name go on every record and cannot change. A PC that moves to another counter is set up again there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="215"/>
        <source>MPP Counter: test print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="221"/>
        <source>Printing a test page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="225"/>
        <source>Test page sent to {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="241"/>
        <source>Fill in the MPP code, the MPP name and the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="264"/>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/admin/settings.py" line="267"/>
        <source>Settings saved. {n} sealed numbers past the retention period were deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="108"/>
        <source>Set up this counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="112"/>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="113"/>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="114"/>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="115"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="158"/>
        <source>Creating the encrypted store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="172"/>
        <source>Not enrolled at the central yet: the administrator can enrol this counter on the administrator screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="180"/>
        <source>Enrolling at the central…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="187"/>
        <source>Enrolled at the central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="196"/>
        <source>The counter is set up but not enrolled at the central: {reason} The administrator can enrol it later on the administrator screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="200"/>
        <source>Not enrolled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="215"/>
        <source>The store was not created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="202"/>
        <location filename="../../src/mpp_counter/gui/wizard.py" line="219"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlipDesk</name>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_desk.py" line="66"/>
        <source>No printer is set: the slip is shown on screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_desk.py" line="116"/>
        <source>Slip sent to {where}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlipPreview</name>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="52"/>
        <source>Slip {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="62"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="66"/>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/slip_preview.py" line="69"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreOp</name>
    <message>
        <location filename="../../src/mpp_counter/gui/worker.py" line="199"/>
        <source>Could not do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/worker.py" line="203"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="68"/>
        <source>Today at this counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="78"/>
        <source>Reprint slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="81"/>
        <source>Withdraw consent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="85"/>
        <source>Slip lost? Withdraw by number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="88"/>
        <source>Void visit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="197"/>
        <source>Visits: {v} · asked: {a} ({ar:.0%}) · agreed: {g} ({gr:.0%} of asked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="240"/>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="242"/>
        <source>Withdraw the consent with receipt {code} ({masked})? The number will not be used for the survey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="248"/>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="249"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="281"/>
        <source>Withdrawal for {masked} recorded at {time}; it goes to the central with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="298"/>
        <source>Could not do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="300"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="121"/>
        <source>Enter on a row: reprint its slip · {last}: reprint the last slip · Esc: back to the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today.py" line="218"/>
        <source>No slip to reprint today.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayTable</name>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="42"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="43"/>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="44"/>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="45"/>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="46"/>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="47"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="118"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/today_table.py" line="120"/>
        <source>{outcome} (withdrawn)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="63"/>
        <source>Unlock the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="78"/>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="167"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="80"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="101"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="104"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="160"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="167"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="181"/>
        <source>Type your PIN, then press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="193"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="235"/>
        <source>You may try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/unlock.py" line="241"/>
        <source>Wait {n} s before the next try.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitFlow</name>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="54"/>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="118"/>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="204"/>
        <source>Ready for the next citizen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="156"/>
        <source>Visit cancelled: nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="269"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="277"/>
        <source>Saved: {service} · {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="281"/>
        <source>receipt {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="290"/>
        <source>Not saved. The visit is still on screen: try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="293"/>
        <source>The visit was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="297"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="71"/>
        <source>Esc cancels this visit · Backspace or Alt+← goes back a step · F6 today&apos;s list · Ctrl+L locks the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="182"/>
        <source>New visit: choose the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="184"/>
        <source>Service: {service}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/visit_flow.py" line="188"/>
        <source>Answer: {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="50"/>
        <source>Void a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="53"/>
        <source>Void this visit of today? It is no longer counted, the central is told, and for a consent the number is erased.

{visit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="65"/>
        <source>A few words, never a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="67"/>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="68"/>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="70"/>
        <source>Void visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="71"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="109"/>
        <source>Visit voided; the central is told with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WithdrawByNumberDialog</name>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="83"/>
        <source>Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="87"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="132"/>
        <source>Type the number, e.g. 0812…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="139"/>
        <source>✓ {masked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="187"/>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="182"/>
        <source>Withdraw every consent given with {masked}? The number will not be used for the survey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="190"/>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="191"/>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="246"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="51"/>
        <source>Withdraw consent without the slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="54"/>
        <source>The citizen lost the slip? Withdraw with the receipt code and the last four digits of the mobile number (it works at any counter), or with the whole mobile number. The central withdraws the consent after the next sync; the number is not used for the survey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="62"/>
        <source>By mobile &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="64"/>
        <source>By receipt &amp;code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="72"/>
        <source>last 4 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="144"/>
        <source>Type the receipt code from the slip, e.g. ABCD-EFGH-K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="154"/>
        <source>{code}: now the last four digits of the citizen&apos;s mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="164"/>
        <source>{code}, number ending in {last4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="175"/>
        <source>Withdraw the consent with receipt {code} given with the number ending in {last4}? The number will not be used for the survey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="216"/>
        <source>Receipt {code} was already withdrawn on {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/withdraw_number.py" line="219"/>
        <source>The withdrawal of receipt {code} was already recorded on {time}; it goes to the central with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="40"/>
        <source>A PIN must be at least 6 digits, digits only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="41"/>
        <source>A clerk name must be 1 to 60 printable characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="42"/>
        <source>A consent needs the citizen&apos;s mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="43"/>
        <source>A number is only recorded when the citizen agrees.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="44"/>
        <source>A phone number cannot contain letters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="45"/>
        <source>A receipt code has 9 characters, like ABCD-EFGH-K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="46"/>
        <source>A sealed number cannot be opened with this key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="47"/>
        <source>A store already exists in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="48"/>
        <location filename="../../src/mpp_counter/gui/messages.py" line="301"/>
        <source>Could not write {name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="49"/>
        <source>Enter only one phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="50"/>
        <source>Enter the phone number as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="51"/>
        <source>Enter the phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="52"/>
        <source>Extensions are not allowed: enter a mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="56"/>
        <source>No consent with receipt code {code} at this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="57"/>
        <source>No store in {path}: run &apos;mpp-counter init&apos; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="64"/>
        <source>Only the administrator can do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="69"/>
        <location filename="../../src/mpp_counter/gui/messages.py" line="303"/>
        <source>Something went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="70"/>
        <source>That is too long to be one phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="71"/>
        <source>The administrator passphrase must be at least 10 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="72"/>
        <source>The campaign key is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="76"/>
        <source>The catalog lists service {code} twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="85"/>
        <source>The counter is locked: unlock it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="87"/>
        <source>The database file cannot be opened: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="88"/>
        <source>The database file cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="89"/>
        <source>The database file is damaged or does not belong to this key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="92"/>
        <source>The database file is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="93"/>
        <source>The database file is truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="94"/>
        <source>The database is busy or cannot be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="95"/>
        <source>The store kept changing during the save; nothing was saved. Save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="98"/>
        <source>The database is damaged: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="124"/>
        <source>The key does not open this database (wrong key or damaged file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="125"/>
        <source>The key file cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="126"/>
        <source>The key file is damaged or is not an mpp-counter key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="127"/>
        <source>The key file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="128"/>
        <source>The key file was written by a newer mpp-counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="133"/>
        <source>Give the visit&apos;s id or the receipt code of its slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="134"/>
        <source>No such visit at this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="135"/>
        <source>Only a visit saved today can be voided; ask the administrator to correct an older one at the central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="139"/>
        <source>Say in a few words why the visit is voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="140"/>
        <source>The note is too long: at most {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="141"/>
        <source>The note must not hold a number: describe the mistake in words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="142"/>
        <source>Unknown reason &apos;{reason}&apos; for voiding; use one of: {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="143"/>
        <source>The number has characters that do not belong in a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="144"/>
        <source>The number is too long for an Indonesian mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="145"/>
        <source>The number is too short for an Indonesian mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="151"/>
        <source>The record was not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="152"/>
        <source>The store has no active survey campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="153"/>
        <source>The store has no key for receipt codes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="154"/>
        <source>The {where} file has a malformed service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="155"/>
        <source>The {where} file has an agency without services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="156"/>
        <source>The {where} file has malformed keywords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="157"/>
        <source>The {where} file has no list of agencies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="158"/>
        <source>The {where} file is missing a valid &apos;{key}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="159"/>
        <source>The {where} file is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="160"/>
        <source>The {where} file is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="161"/>
        <source>The {where} file lists no services.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="162"/>
        <source>There is already a clerk called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="163"/>
        <source>There is no clerk called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="164"/>
        <source>This PIN is too easy to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="165"/>
        <source>This is a foreign number: only Indonesian mobile numbers (+62 8…) can be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="168"/>
        <source>This is a landline number: enter a mobile number (08…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="169"/>
        <source>This is an unencrypted SQLite file, not an mpp-counter store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="170"/>
        <source>This is not a receipt code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="171"/>
        <source>This is not a valid Indonesian mobile number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="172"/>
        <source>This is not an Indonesian mobile number (they start with 08).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="173"/>
        <source>This receipt code has a typing mistake: check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="174"/>
        <source>This store was made by a newer mpp-counter (schema {v}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="175"/>
        <source>Too many wrong attempts. Wait {seconds} seconds and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="176"/>
        <source>Unknown reason &apos;{reason}&apos; for not asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="177"/>
        <source>Unknown service code &apos;{code}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="179"/>
        <source>Unknown time zone &apos;{zone}&apos;: use WIB, WITA or WIT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="180"/>
        <source>Unknown user or wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="181"/>
        <source>Wrong passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="186"/>
        <source>A PIN must not contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="187"/>
        <source>Could not back up the store before upgrading it: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="188"/>
        <source>Numbers are sealed to the escrow key but this session does not hold it; unlock with the administrator passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="192"/>
        <source>Only the administrator can enrol this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="193"/>
        <source>Refusing plain http:// to {host}: the central must use https:// (http is only allowed to this PC itself).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="197"/>
        <source>The central at {host} cannot be reached ({why}); the records are kept and will be sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="201"/>
        <source>The central at {host} presented a certificate this PC does not trust; nothing was sent. Check the address and the PC&apos;s date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="205"/>
        <source>The central is unavailable (HTTP {status}); the records are kept and will be sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="209"/>
        <source>The central refused the {what} (HTTP {status}: {reason}); the records are kept and flagged for the administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="213"/>
        <source>The central refused this counter (HTTP {status}: {reason}). Its enrolment was revoked or is invalid: enrol it again with a new code. The records are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="217"/>
        <source>The central sent a campaign without a public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="218"/>
        <source>The central sent no campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="219"/>
        <source>The central&apos;s address must not carry a user, a query or a fragment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="222"/>
        <source>The central&apos;s address must start with https:// and name a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="223"/>
        <source>The central&apos;s enrolment answer has no usable campaign key; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="226"/>
        <source>The central&apos;s enrolment answer has no valid device id; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="229"/>
        <source>The central&apos;s enrolment answer has no valid token; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="232"/>
        <source>The central&apos;s enrolment answer is not JSON; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="233"/>
        <source>The enrolment code is not valid: it looks like ABCD-EFGH-JKMN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="234"/>
        <source>The retention period must be a whole number of days from 0 to {max}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="237"/>
        <source>This clerk&apos;s PIN only works on the computer and user account where it was set up. The administrator&apos;s passphrase still opens the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="241"/>
        <source>This computer has no protected key storage, so a clerk PIN must be at least {n} characters long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="249"/>
        <source>The central answered without acknowledging any record; they are kept and will be sent later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="253"/>
        <source>The central&apos;s catalog is unusable ({why}); the cached one is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="256"/>
        <source>The central&apos;s catalog names a campaign without a public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="257"/>
        <source>The central&apos;s health check answered HTTP {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="258"/>
        <source>The central&apos;s catalog names a campaign key that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="259"/>
        <source>The central&apos;s address answers with a redirect (HTTP {status}); set the exact https:// address of the central. The records are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="263"/>
        <source>The central at {host} is busy: try again in {seconds} seconds. Nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="266"/>
        <source>The central did not accept this enrolment code: it is unknown, already used or expired. Ask the central office for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="270"/>
        <source>The central has no survey campaign open yet: ask the central office to open one, then enrol again with the same code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="281"/>
        <source>no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="282"/>
        <source>no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="283"/>
        <source>too many failed attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="326"/>
        <source>No printer is set up on this computer. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="330"/>
        <source>The printer &apos;{printer}&apos; could not print the slip. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="334"/>
        <source>The printer &apos;{printer}&apos; does not exist on this computer. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="338"/>
        <source>The printer &apos;{printer}&apos; does not take {width} mm paper. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="342"/>
        <source>The printer &apos;{printer}&apos; is not accepting jobs. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="346"/>
        <source>The printer &apos;{printer}&apos; is paused (disabled). The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="350"/>
        <source>The printer &apos;{printer}&apos; is stopped or in an error state. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="354"/>
        <source>The printer &apos;{printer}&apos; refused the slip. The record is saved: print the slip again later from today&apos;s list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="358"/>
        <source>Slip printing is not available in this installation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="58"/>
        <source>Numbers cannot be saved at this counter: its survey key does not match the central&apos;s. Call the administrator. Visits without a number can still be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="53"/>
        <source>Give the last four digits of the citizen&apos;s mobile number, e.g. 7890.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="65"/>
        <source>Receipt {code} was not given at this counter: add the last four digits of the citizen&apos;s number to withdraw it at the central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="129"/>
        <source>The last four digits do not match the number of consent {code}; check them with the citizen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="73"/>
        <source>The campaign&apos;s notice does not fit one A4 page; shorten its texts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="146"/>
        <source>The read-aloud script &apos;{key}&apos; has {words} words; at most {most} can be read in about ten seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="178"/>
        <source>Unknown agency code &apos;{code}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="20"/>
        <source>The administrator changed the keys in the meantime; nothing was saved. Lock the counter and unlock it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="16"/>
        <source>This counter is enrolled at the central as {mpp} / {counter}; its MPP code and counter name cannot change. A PC that moves to another counter is set up again there, after its records are sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="24"/>
        <source>A key slot uses weaker key derivation than this program accepts; the key file was altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="28"/>
        <source>No printer is set; the slip is shown on screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="29"/>
        <source>Nothing was changed: the new database file could not be written ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="32"/>
        <source>The key file was changed without the administrator passphrase; it is not used. Restore the data folder from a backup or ask for support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="36"/>
        <source>The record of wrong attempts is missing or damaged, so clerks cannot unlock. The administrator must unlock once with the passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="77"/>
        <source>The central at {host} is busy (HTTP {status}); try again in a few minutes. Nothing was lost: what was not sent is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="81"/>
        <source>The counter is enrolled, but the escrow key could not be removed from keys.json yet: {reason} The next sync removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="86"/>
        <source>The database file cannot be created: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="99"/>
        <source>The disk is full: the store cannot be opened. Free some space on the disk and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="103"/>
        <source>The disk is full: this change was not saved. Free some space on the disk and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="107"/>
        <source>The disk is read-only and the store cannot be opened from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="108"/>
        <source>The disk is read-only: this change was not saved. The data folder must be writable again before anything can be recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="112"/>
        <source>The disk reported an I/O error while opening the store. The disk may be failing: copy the data folder to a healthy disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="116"/>
        <source>The disk reported an I/O error: this change was not saved. The disk may be failing: copy the data folder to a healthy disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="120"/>
        <source>The enrolment code is used up but the counter could not save its enrolment: {reason} Ask the central office for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="245"/>
        <source>This counter is not enrolled with a central yet: the administrator enrols it with the central&apos;s address and an enrolment code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="274"/>
        <source>This enrolment code is for MPP {mpp} / {counter}, but this counter is set up as {mpp2} / {counter2}. Ask the central office for a code for this counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="308"/>
        <source>Agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="309"/>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="310"/>
        <source>Not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="313"/>
        <source>Has no mobile phone / WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="314"/>
        <source>Under age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="315"/>
        <source>Came on someone else&apos;s behalf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="316"/>
        <source>Language barrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="317"/>
        <source>Other reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="320"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="321"/>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="322"/>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/messages.py" line="323"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="35"/>
        <source>Wrong service chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="36"/>
        <source>Wrong answer recorded (agreed/declined)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="37"/>
        <source>Wrong number typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="38"/>
        <source>Saved twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/mpp_counter/gui/void_dialog.py" line="39"/>
        <source>Other reason (say which)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
