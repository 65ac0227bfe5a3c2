<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
<context>
    <name>Kiosk</name>
    <message>
        <source>Visitor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ymwelydd</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Contractwr</translation>
    </message>
    <message>
        <source>Parent or carer</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhiant neu ofalwr</translation>
    </message>
    <message>
        <source>Collecting a child</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Casglu plentyn</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Gwirfoddolwr</translation>
    </message>
    <message>
        <source>Supply staff</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Staff cyflenwi</translation>
    </message>
    <message>
        <source>Governor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llywodraethwr</translation>
    </message>
    <message>
        <source>Meeting someone at the school</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyfarfod â rhywun yn yr ysgol</translation>
    </message>
    <message>
        <source>Working on the building or grounds</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Gweithio ar yr adeilad neu&apos;r tir</translation>
    </message>
    <message>
        <source>A meeting, an event or helping out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyfarfod, digwyddiad neu helpu</translation>
    </message>
    <message>
        <source>Picking up a pupil</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Casglu disgybl</translation>
    </message>
    <message>
        <source>Reading, clubs or trips</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Darllen, clybiau neu dripiau</translation>
    </message>
    <message>
        <source>Teaching or support cover</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyflenwi addysgu neu gymorth</translation>
    </message>
    <message>
        <source>Governing body business</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Busnes y corff llywodraethu</translation>
    </message>
    <message>
        <source>{0}, you&apos;re already signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0}, rydych chi eisoes wedi llofnodi i mewn.</translation>
    </message>
    <message>
        <source>You signed in at {0}. Are you leaving now?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Fe wnaethoch chi lofnodi i mewn am {0}. Ydych chi&apos;n gadael nawr?</translation>
    </message>
    <message>
        <source>Thank you, {0}. You&apos;re still signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Diolch, {0}. Rydych chi wedi llofnodi i mewn o hyd.</translation>
    </message>
    <message>
        <source>Nothing has changed. Please keep wearing your badge.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Does dim wedi newid. Cadwch eich bathodyn ymlaen, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Signing you in…</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wrthi&apos;n eich llofnodi i mewn…</translation>
    </message>
    <message>
        <source>Your badge is printing. Please wear it where it can be seen.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Mae eich bathodyn yn argraffu. Gwisgwch ef lle gellir ei weld.</translation>
    </message>
    <message>
        <source>Your badge will be handed to you at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Byddwch yn cael eich bathodyn yn y dderbynfa.</translation>
    </message>
    <message>
        <source>Please wait in reception; your child will be brought to you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Arhoswch yn y dderbynfa, os gwelwch yn dda; bydd rhywun yn dod â&apos;ch plentyn atoch chi.</translation>
    </message>
    <message>
        <source>Please take a seat in reception; someone will come to meet you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cymerwch sedd yn y dderbynfa; bydd rhywun yn dod i&apos;ch cyfarfod.</translation>
    </message>
    <message>
        <source>Thank you, {0}. You&apos;re signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Diolch, {0}. Rydych chi wedi llofnodi i mewn.</translation>
    </message>
    <message>
        <source>Your visitor pass: take a photo of this code and scan it here next time.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Eich tocyn ymwelydd: tynnwch lun o&apos;r cod hwn a&apos;i sganio yma y tro nesaf.</translation>
    </message>
    <message>
        <source>Sign out {0}?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodi {0} allan?</translation>
    </message>
    <message>
        <source>Signed in at {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wedi llofnodi i mewn am {0}.</translation>
    </message>
    <message>
        <source>Goodbye, {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Hwyl fawr, {0}.</translation>
    </message>
    <message>
        <source>You are signed out. Thank you for visiting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rydych chi wedi llofnodi allan. Diolch am ymweld.</translation>
    </message>
    <message>
        <source>Please hand your badge in at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhowch eich bathodyn yn ôl yn y dderbynfa, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Signed in, {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wedi llofnodi i mewn, {0}</translation>
    </message>
    <message>
        <source>Signed out, {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wedi llofnodi allan, {0}</translation>
    </message>
    <message>
        <source>at {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">am {0}</translation>
    </message>
    <message>
        <source>Are you still there?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ydych chi dal yno?</translation>
    </message>
    <message>
        <source>Yes, I&apos;m still here</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ydw, rydw i yma o hyd</translation>
    </message>
    <message>
        <source>Please read our Code of Conduct</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Darllenwch ein Cod Ymddygiad, os gwelwch yn dda</translation>
    </message>
    <message>
        <source>This Code of Conduct has not been translated into your language yet, so it is shown in English. If you would like help with it, please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nid yw&apos;r Cod Ymddygiad hwn wedi&apos;i gyfieithu i&apos;ch iaith chi eto, felly mae&apos;n cael ei ddangos yn Saesneg. Os hoffech gael help gydag ef, gofynnwch yn y dderbynfa.</translation>
    </message>
    <message>
        <source>Code of Conduct</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cod Ymddygiad</translation>
    </message>
    <message>
        <source>Your signature (optional):</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Eich llofnod (dewisol):</translation>
    </message>
    <message>
        <source>Clear</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Clirio</translation>
    </message>
    <message>
        <source>I do not agree</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nid wyf yn cytuno</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Sgroliwch i lawr</translation>
    </message>
    <message>
        <source>Please read to the end to continue.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Darllenwch hyd at y diwedd i barhau.</translation>
    </message>
    <message>
        <source>I have read and agree</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rwyf wedi darllen ac yn cytuno</translation>
    </message>
    <message>
        <source>Before you collect</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyn i chi gasglu</translation>
    </message>
    <message>
        <source>I understand</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rwy&apos;n deall</translation>
    </message>
    <message>
        <source>Agency</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Asiantaeth</translation>
    </message>
    <message>
        <source>Company</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cwmni</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Sefydliad</translation>
    </message>
    <message>
        <source>Who are you here to see?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Pwy ydych chi yma i&apos;w weld?</translation>
    </message>
    <message>
        <source>Class or staff member</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dosbarth neu aelod o staff</translation>
    </message>
    <message>
        <source>Work you are doing</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Y gwaith rydych chi&apos;n ei wneud</translation>
    </message>
    <message>
        <source>Reason for your visit</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rheswm dros eich ymweliad</translation>
    </message>
    <message>
        <source>Car registration</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhif cofrestru car</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhif ffôn symudol</translation>
    </message>
    <message>
        <source>Child&apos;s full name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Enw llawn y plentyn</translation>
    </message>
    <message>
        <source>Child&apos;s class</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dosbarth y plentyn</translation>
    </message>
    <message>
        <source>Your relationship to the child</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Eich perthynas â&apos;r plentyn</translation>
    </message>
    <message>
        <source>e.g. Mrs Patel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">e.e. Mrs Patel</translation>
    </message>
    <message>
        <source>e.g. AB12 CDE</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">e.e. AB12 CDE</translation>
    </message>
    <message>
        <source>e.g. 07700 900123</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">e.e. 07700 900123</translation>
    </message>
    <message>
        <source>e.g. Year 2</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">e.e. Blwyddyn 2</translation>
    </message>
    <message>
        <source>e.g. grandparent, aunt</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">e.e. nain, modryb</translation>
    </message>
    <message>
        <source>Who are you today?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Pwy ydych chi heddiw?</translation>
    </message>
    <message>
        <source>Your family&apos;s collection password</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyfrinair casglu eich teulu</translation>
    </message>
    <message>
        <source>Please type the collection password the child&apos;s family gave the school.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Teipiwch y cyfrinair casglu a roddodd teulu&apos;r plentyn i&apos;r ysgol.</translation>
    </message>
    <message>
        <source>Collection password</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyfrinair casglu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Canslo</translation>
    </message>
    <message>
        <source>I don&apos;t know it</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dydw i ddim yn ei wybod</translation>
    </message>
    <message>
        <source>Continue</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Parhau</translation>
    </message>
    <message>
        <source>Please type the password, or tap “I don&apos;t know it”.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Teipiwch y cyfrinair, neu tapiwch “Dydw i ddim yn ei wybod”.</translation>
    </message>
    <message>
        <source>What is your name?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Beth yw eich enw?</translation>
    </message>
    <message>
        <source>Change who you are signing in as</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Newid pwy rydych chi&apos;n llofnodi i mewn fel</translation>
    </message>
    <message>
        <source>First name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Enw cyntaf</translation>
    </message>
    <message>
        <source>Surname</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyfenw</translation>
    </message>
    <message>
        <source>I&apos;ve been here before</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rydw i wedi bod yma o&apos;r blaen</translation>
    </message>
    <message>
        <source>Last 3 digits of your mobile number:</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">3 digid olaf eich rhif ffôn symudol:</translation>
    </message>
    <message>
        <source>Last 3 digits of your mobile number</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">3 digid olaf eich rhif ffôn symudol</translation>
    </message>
    <message>
        <source>Back</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Yn ôl</translation>
    </message>
    <message>
        <source>Next</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nesaf</translation>
    </message>
    <message>
        <source>Signing in as: {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodi i mewn fel: {0}</translation>
    </message>
    <message>
        <source>Please type your first name and your surname.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Teipiwch eich enw cyntaf a&apos;ch cyfenw, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Please type the last 3 digits of your mobile number.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Teipiwch 3 digid olaf eich rhif ffôn symudol, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Welcome back, {0}. Please check your details.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Croeso yn ôl, {0}. Gwiriwch eich manylion, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Thank you, {0}. Who are you collecting?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Diolch, {0}. Pwy ydych chi&apos;n ei gasglu?</translation>
    </message>
    <message>
        <source>Thank you, {0}. A few details, please.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Diolch, {0}. Ychydig o fanylion, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Thank you, {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Diolch, {0}.</translation>
    </message>
    <message>
        <source>We couldn&apos;t find your earlier visit, so please fill in your details. That&apos;s fine.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Doedden ni ddim yn gallu dod o hyd i&apos;ch ymweliad blaenorol, felly llenwch eich manylion. Mae hynny&apos;n iawn.</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">(dewisol)</translation>
    </message>
    <message>
        <source>(type to change)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">(teipiwch i newid)</translation>
    </message>
    <message>
        <source>Please fill in the boxes marked in red.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llenwch y blychau sydd wedi&apos;u marcio mewn coch, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Signing out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodi allan</translation>
    </message>
    <message>
        <source>Hold the QR code on your badge under the scanner.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Daliwch y cod QR ar eich bathodyn o dan y sganiwr.</translation>
    </message>
    <message>
        <source>Or type your name:</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Neu teipiwch eich enw:</translation>
    </message>
    <message>
        <source>Find me</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dod o hyd i mi</translation>
    </message>
    <message>
        <source>We couldn&apos;t find that name signed in today. Please check it, or ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Doedden ni ddim yn gallu dod o hyd i&apos;r enw hwnnw wedi llofnodi i mewn heddiw. Gwiriwch ef, neu gofynnwch yn y dderbynfa.</translation>
    </message>
    <message>
        <source>More than one person with this name is signed in. Which is you?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Mae mwy nag un person â&apos;r enw hwn wedi llofnodi i mewn. Pa un ydych chi?</translation>
    </message>
    <message>
        <source>{0}  ·  signed in at {1}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0}  ·  wedi llofnodi i mewn am {1}</translation>
    </message>
    <message>
        <source>Staff: sign in or out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Staff: llofnodi i mewn neu allan</translation>
    </message>
    <message>
        <source>Staff only: leave the kiosk</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Staff yn unig: gadael y ciosg</translation>
    </message>
    <message>
        <source>Scan your staff card, or type your name and kiosk PIN.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Sganiwch eich cerdyn staff, neu teipiwch eich enw a’ch PIN ciosg.</translation>
    </message>
    <message>
        <source>Your first name and surname</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Eich enw cyntaf a’ch cyfenw</translation>
    </message>
    <message>
        <source>Your name as on your staff account</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Eich enw fel ar eich cyfrif staff</translation>
    </message>
    <message>
        <source>Name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Enw</translation>
    </message>
    <message>
        <source>PIN</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">PIN</translation>
    </message>
    <message>
        <source>Sign in or out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodi i mewn neu allan</translation>
    </message>
    <message>
        <source>Leave kiosk</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Gadael y ciosg</translation>
    </message>
    <message>
        <source>Please type your name and PIN.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Teipiwch eich enw a&apos;ch PIN, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>No screening list copy yet: offline, every sign-in is held.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dim copi o&apos;r rhestr sgrinio eto: all-lein, caiff pob mewngofnodi ei ddal.</translation>
    </message>
    <message>
        <source>Screening list copy {0} h old, too old: every sign-in is held.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Copi o&apos;r rhestr sgrinio {0} awr oed, yn rhy hen: caiff pob mewngofnodi ei ddal.</translation>
    </message>
    <message>
        <source>Screening list copy: {0} h old.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Copi o&apos;r rhestr sgrinio: {0} awr oed.</translation>
    </message>
    <message>
        <source>Offline.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">All-lein.</translation>
    </message>
    <message>
        <source>To send: {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">I&apos;w anfon: {0}.</translation>
    </message>
    <message>
        <source>Held: {0}, call reception on {1}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wedi&apos;u dal: {0}, ffoniwch y dderbynfa ar {1}.</translation>
    </message>
    <message>
        <source>Held: {0}, go to reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wedi&apos;u dal: {0}, ewch i&apos;r dderbynfa.</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Croeso</translation>
    </message>
    <message>
        <source>Been here before? Scan your visitor pass to sign in.
Leaving? Scan the QR code on your badge, or tap Sign out.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wedi bod yma o&apos;r blaen? Sganiwch eich tocyn ymwelydd i lofnodi i mewn.
Yn gadael? Sganiwch y cod QR ar eich bathodyn, neu tapiwch Llofnodi allan.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodi i mewn</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodi allan</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Testun mwy</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cyferbyniad uchel</translation>
    </message>
    <message>
        <source>Staff</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Staff</translation>
    </message>
    <message>
        <source>Done</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Gorffen</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Yn ôl i&apos;r dechrau</translation>
    </message>
    <message>
        <source>Yes, sign me out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ie, llofnodwch fi allan</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Na, yn ôl</translation>
    </message>
    <message>
        <source>Sign me out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodwch fi allan</translation>
    </message>
    <message>
        <source>I&apos;m staying</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rydw i&apos;n aros</translation>
    </message>
    <message>
        <source>Thank you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Diolch.</translation>
    </message>
    <message>
        <source>Please take a seat; someone from reception will be with you shortly.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cymerwch sedd, os gwelwch yn dda; bydd rhywun o&apos;r dderbynfa gyda chi cyn bo hir.</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Mae&apos;n ddrwg gennym, aeth rhywbeth o&apos;i le.</translation>
    </message>
    <message>
        <source>Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Gofynnwch yn y dderbynfa, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>You have not been signed in, and nothing you typed has been kept.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nid ydych wedi llofnodi i mewn, ac nid oes dim a deipiwyd gennych wedi&apos;i gadw.</translation>
    </message>
    <message>
        <source>If you have any questions, please speak to reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Os oes gennych unrhyw gwestiynau, siaradwch â&apos;r dderbynfa.</translation>
    </message>
    <message>
        <source>Our badge printer is not working just now: your badge will be handed to you at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nid yw ein hargraffydd bathodynnau&apos;n gweithio ar hyn o bryd: byddwch yn cael eich bathodyn yn y dderbynfa.</translation>
    </message>
    <message>
        <source>Staff exit (hold for three seconds)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Allanfa staff (daliwch am dair eiliad)</translation>
    </message>
    <message>
        <source>Shift</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Shift</translation>
    </message>
    <message>
        <source>Delete</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dileu</translation>
    </message>
    <message>
        <source>Delete the last letter</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dileu&apos;r llythyren olaf</translation>
    </message>
    <message>
        <source>Accented letters</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llythrennau ag acenion</translation>
    </message>
    <message>
        <source>Space</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Bwlch</translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Pad llofnod</translation>
    </message>
    <message>
        <source>Sign here with your finger</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Llofnodwch yma â&apos;ch bys</translation>
    </message>
    <message>
        <source>That badge was not recognised. Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Doedden ni ddim yn adnabod y bathodyn hwnnw. Gofynnwch yn y dderbynfa, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>That code was not recognised. Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Doedden ni ddim yn adnabod y cod hwnnw. Gofynnwch yn y dderbynfa, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>You are already signed out. Thank you for visiting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rydych chi eisoes wedi llofnodi allan. Diolch am ymweld.</translation>
    </message>
    <message>
        <source>That visit no longer exists.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nid yw&apos;r ymweliad hwnnw&apos;n bodoli mwyach.</translation>
    </message>
    <message>
        <source>Please enter the name of the child you are collecting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhowch enw&apos;r plentyn rydych chi&apos;n ei gasglu, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Please say how you are related to the child.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dywedwch beth yw eich perthynas â&apos;r plentyn, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>The Code of Conduct must be read and agreed to before signing in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhaid darllen y Cod Ymddygiad a chytuno iddo cyn llofnodi i mewn.</translation>
    </message>
    <message>
        <source>The Code of Conduct changed while you were reading it. Please read it again.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Newidiodd y Cod Ymddygiad tra oeddech chi&apos;n ei ddarllen. Darllenwch ef eto, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Please enter the first name.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhowch yr enw cyntaf, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Please enter the surname.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhowch y cyfenw, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>The first name must contain letters.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhaid i&apos;r enw cyntaf gynnwys llythrennau.</translation>
    </message>
    <message>
        <source>The surname must contain letters.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rhaid i&apos;r cyfenw gynnwys llythrennau.</translation>
    </message>
    <message>
        <source>The first name contains characters that cannot be used.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Mae&apos;r enw cyntaf yn cynnwys nodau na ellir eu defnyddio.</translation>
    </message>
    <message>
        <source>The surname contains characters that cannot be used.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Mae&apos;r cyfenw yn cynnwys nodau na ellir eu defnyddio.</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message numerus="yes">
        <source>Those digits don&apos;t match. Please try again (%n more tries).</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">
            <numerusform>Nid yw&apos;r digidau hynny&apos;n cyfateb. Rhowch gynnig arall arni (%n cynnig ar ôl).</numerusform>
            <numerusform>Nid yw&apos;r digidau hynny&apos;n cyfateb. Rhowch gynnig arall arni (%n cynnig ar ôl).</numerusform>
            <numerusform>Nid yw&apos;r digidau hynny&apos;n cyfateb. Rhowch gynnig arall arni (%n cynnig ar ôl).</numerusform>
            <numerusform>Nid yw&apos;r digidau hynny&apos;n cyfateb. Rhowch gynnig arall arni (%n cynnig ar ôl).</numerusform>
            <numerusform>Nid yw&apos;r digidau hynny&apos;n cyfateb. Rhowch gynnig arall arni (%n cynnig ar ôl).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupCodeDialog</name>
    <message>
        <source>Set-up code</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cod gosod</translation>
    </message>
    <message>
        <source>This kiosk is not set up yet.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nid yw&apos;r ciosg hwn wedi&apos;i osod eto.</translation>
    </message>
    <message>
        <source>Type the set-up code that `kiosk db upgrade` printed when the database was made. If you are visiting the school, please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Teipiwch y cod gosod a argraffodd `kiosk db upgrade` pan wnaed y gronfa ddata. Os ydych chi&apos;n ymweld â&apos;r ysgol, gofynnwch yn y dderbynfa, os gwelwch yn dda.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Canslo</translation>
    </message>
    <message>
        <source>Open the set-up</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Agor y gosod</translation>
    </message>
    <message>
        <source>That is not the set-up code. Please try again.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nid dyna&apos;r cod gosod. Rhowch gynnig arall arni.</translation>
    </message>
</context>
<context>
    <name>StillThereOverlay</name>
    <message numerus="yes">
        <source>Going back to the start in %n seconds.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">
            <numerusform>Yn ôl i&apos;r dechrau mewn %n eiliad.</numerusform>
            <numerusform>Yn ôl i&apos;r dechrau mewn %n eiliad.</numerusform>
            <numerusform>Yn ôl i&apos;r dechrau mewn %n eiliad.</numerusform>
            <numerusform>Yn ôl i&apos;r dechrau mewn %n eiliad.</numerusform>
            <numerusform>Yn ôl i&apos;r dechrau mewn %n eiliad.</numerusform>
        </translation>
    </message>
</context>
</TS>
