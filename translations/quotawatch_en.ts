<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>qw::ui::KeyTableModel</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qw::ui::AlertsView</name>
    <message numerus="yes">
        <source>%n deliveries failing. Select one to see why, and retry it.</source>
        <translation>
            <numerusform>%n delivery failing. Select it to see why, and retry it.</numerusform>
            <numerusform>%n deliveries failing. Select one to see why, and retry it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qw::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n alert deliveries failing: see where and why, and retry</source>
        <translation>
            <numerusform>%n alert delivery failing: see where and why, and retry</numerusform>
            <numerusform>%n alert deliveries failing: see where and why, and retry</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qw::ui::TrayIcon</name>
    <message numerus="yes">
        <source>%n alert deliveries failing</source>
        <translation>
            <numerusform>%n alert delivery failing</numerusform>
            <numerusform>%n alert deliveries failing</numerusform>
        </translation>
    </message>
</context>
</TS>
