<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>NamePage</name>
    <message numerus="yes">
        <source>Those digits don&apos;t match. Please try again (%n more tries).</source>
        <translation>
            <numerusform>Those digits don&apos;t match. Please try again (%n more try).</numerusform>
            <numerusform>Those digits don&apos;t match. Please try again (%n more tries).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StillThereOverlay</name>
    <message numerus="yes">
        <source>Going back to the start in %n seconds.</source>
        <translation>
            <numerusform>Going back to the start in %n second.</numerusform>
            <numerusform>Going back to the start in %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
