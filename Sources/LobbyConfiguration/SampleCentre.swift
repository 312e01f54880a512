/// The sample centre used by `lobbyd --demo` (identical to Docs/Examples/lobby.yaml; a test checks).
public enum SampleCentre {
    /// The configuration text.
    public static let yaml = """
# The sample centre of `lobbyd --demo`: 5 agencies, 40 services, 12 windows.
# Every name is illustrative. Copy this file to /etc/lobby/lobby.yaml and edit it for a real centre.
centre:
  name: {az: "Nümunə xidmət mərkəzi", ru: "Образцовый центр обслуживания", en: "Sample service centre"}
  timeZone: Asia/Baku
  hours:
    monday: "00:00-24:00"
    tuesday: "00:00-24:00"
    wednesday: "00:00-24:00"
    thursday: "00:00-24:00"
    friday: "00:00-24:00"
    saturday: "00:00-24:00"
    sunday: "00:00-24:00"
  closedDays: []
  targetWaitMinutes: 10
  recallLimit: 2
  voteWindowSeconds: 300
  retentionDays: 90
  numbering: {first: 1, last: 999, wrap: true}
agencies:
  - id: internal
    name: {az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}
  - id: justice
    name: {az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}
  - id: social
    name: {az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}
  - id: property
    name: {az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}
  - id: migration
    name: {az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}
services:
  - id: id-card
    agency: internal
    name: {az: "Şəxsiyyət vəsiqəsinin verilməsi", ru: "Выдача удостоверения личности", en: "Identity card issue"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: A
    expectedMinutes: 8
  - id: id-card-renew
    agency: internal
    name: {az: "Şəxsiyyət vəsiqəsinin dəyişdirilməsi", ru: "Замена удостоверения личности", en: "Identity card replacement"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: A
    expectedMinutes: 7
  - id: passport
    agency: internal
    name: {az: "Ümumvətəndaş pasportunun verilməsi", ru: "Выдача общегражданского паспорта", en: "Passport issue"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: P
    expectedMinutes: 10
  - id: passport-child
    agency: internal
    name: {az: "Uşaq üçün pasport", ru: "Паспорт для ребёнка", en: "Passport for a child"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: P
    expectedMinutes: 10
  - id: registration
    agency: internal
    name: {az: "Yaşayış yeri üzrə qeydiyyat", ru: "Регистрация по месту жительства", en: "Residence registration"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: R
    expectedMinutes: 6
  - id: driving-licence
    agency: internal
    name: {az: "Sürücülük vəsiqəsinin dəyişdirilməsi", ru: "Замена водительского удостоверения", en: "Driving licence replacement"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: D
    expectedMinutes: 9
  - id: criminal-record
    agency: internal
    name: {az: "Məhkumluq haqqında arayış", ru: "Справка о несудимости", en: "Criminal record certificate"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: K
    expectedMinutes: 5
  - id: vehicle
    agency: internal
    name: {az: "Nəqliyyat vasitəsinin qeydiyyatı", ru: "Регистрация транспортного средства", en: "Vehicle registration"}
    category: [{az: "Daxili İşlər Nazirliyi", ru: "Министерство внутренних дел", en: "Ministry of Internal Affairs"}]
    prefix: V
    expectedMinutes: 12
  - id: birth
    agency: justice
    name: {az: "Doğum haqqında şəhadətnamə", ru: "Свидетельство о рождении", en: "Birth certificate"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: B
    expectedMinutes: 6
  - id: marriage
    agency: justice
    name: {az: "Nikahın qeydiyyatı", ru: "Регистрация брака", en: "Marriage registration"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: M
    expectedMinutes: 15
  - id: divorce
    agency: justice
    name: {az: "Nikahın pozulması", ru: "Расторжение брака", en: "Divorce registration"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: M
    expectedMinutes: 15
  - id: death
    agency: justice
    name: {az: "Ölüm haqqında şəhadətnamə", ru: "Свидетельство о смерти", en: "Death certificate"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: B
    expectedMinutes: 6
  - id: name-change
    agency: justice
    name: {az: "Ad və soyadın dəyişdirilməsi", ru: "Перемена имени и фамилии", en: "Change of name"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: N
    expectedMinutes: 10
  - id: notary-copy
    agency: justice
    name: {az: "Sənədin surətinin təsdiqi", ru: "Заверение копии документа", en: "Certified copy of a document"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: T
    expectedMinutes: 4
  - id: notary-power
    agency: justice
    name: {az: "Etibarnamə", ru: "Доверенность", en: "Power of attorney"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: T
    expectedMinutes: 8
  - id: apostille
    agency: justice
    name: {az: "Apostil", ru: "Апостиль", en: "Apostille"}
    category: [{az: "Ədliyyə Nazirliyi", ru: "Министерство юстиции", en: "Ministry of Justice"}]
    prefix: T
    expectedMinutes: 6
  - id: pension
    agency: social
    name: {az: "Pensiyanın təyin edilməsi", ru: "Назначение пенсии", en: "Pension application"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: S
    expectedMinutes: 12
  - id: pension-info
    agency: social
    name: {az: "Pensiya haqqında arayış", ru: "Справка о пенсии", en: "Pension statement"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: S
    expectedMinutes: 4
  - id: disability
    agency: social
    name: {az: "Əlilliyin müəyyən edilməsi", ru: "Установление инвалидности", en: "Disability assessment"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: E
    expectedMinutes: 15
    dailyCap: 60
  - id: child-benefit
    agency: social
    name: {az: "Uşaq pulu", ru: "Пособие на ребёнка", en: "Child benefit"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: S
    expectedMinutes: 8
  - id: unemployment
    agency: social
    name: {az: "İşsizlikdən sığorta", ru: "Страхование по безработице", en: "Unemployment insurance"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: U
    expectedMinutes: 10
  - id: employment
    agency: social
    name: {az: "İşə düzəltmə", ru: "Трудоустройство", en: "Job placement"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: U
    expectedMinutes: 12
  - id: targeted-aid
    agency: social
    name: {az: "Ünvanlı sosial yardım", ru: "Адресная социальная помощь", en: "Targeted social assistance"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: S
    expectedMinutes: 10
  - id: labour-record
    agency: social
    name: {az: "Əmək müqaviləsi arayışı", ru: "Справка о трудовом договоре", en: "Employment contract statement"}
    category: [{az: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", ru: "Министерство труда и социальной защиты населения", en: "Ministry of Labour and Social Protection"}]
    prefix: S
    expectedMinutes: 5
  - id: property-register
    agency: property
    name: {az: "Daşınmaz əmlakın qeydiyyatı", ru: "Регистрация недвижимости", en: "Real estate registration"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: H
    expectedMinutes: 15
  - id: property-extract
    agency: property
    name: {az: "Daşınmaz əmlak reyestrindən çıxarış", ru: "Выписка из реестра недвижимости", en: "Real estate register extract"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: H
    expectedMinutes: 6
  - id: mortgage
    agency: property
    name: {az: "İpotekanın qeydiyyatı", ru: "Регистрация ипотеки", en: "Mortgage registration"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: H
    expectedMinutes: 12
  - id: land
    agency: property
    name: {az: "Torpaq sahəsinin qeydiyyatı", ru: "Регистрация земельного участка", en: "Land plot registration"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: L
    expectedMinutes: 15
  - id: lease
    agency: property
    name: {az: "İcarə müqaviləsinin qeydiyyatı", ru: "Регистрация договора аренды", en: "Lease registration"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: L
    expectedMinutes: 10
  - id: technical-passport
    agency: property
    name: {az: "Texniki pasportun verilməsi", ru: "Выдача технического паспорта", en: "Technical passport of a property"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: H
    expectedMinutes: 10
  - id: property-tax
    agency: property
    name: {az: "Əmlak vergisi arayışı", ru: "Справка об имущественном налоге", en: "Property tax statement"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: L
    expectedMinutes: 5
  - id: privatisation
    agency: property
    name: {az: "Mənzilin özəlləşdirilməsi", ru: "Приватизация квартиры", en: "Flat privatisation"}
    category: [{az: "Əmlak Məsələləri Dövlət Xidməti", ru: "Государственная служба по вопросам имущества", en: "State Service for Property Issues"}]
    prefix: L
    expectedMinutes: 15
  - id: temporary-residence
    agency: migration
    name: {az: "Müvəqqəti yaşama icazəsi", ru: "Разрешение на временное проживание", en: "Temporary residence permit"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: G
    expectedMinutes: 15
  - id: permanent-residence
    agency: migration
    name: {az: "Daimi yaşama icazəsi", ru: "Разрешение на постоянное проживание", en: "Permanent residence permit"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: G
    expectedMinutes: 15
  - id: work-permit
    agency: migration
    name: {az: "İş icazəsi", ru: "Разрешение на работу", en: "Work permit"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: W
    expectedMinutes: 12
  - id: citizenship
    agency: migration
    name: {az: "Vətəndaşlıq məsələləri", ru: "Вопросы гражданства", en: "Citizenship matters"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: C
    expectedMinutes: 20
    dailyCap: 60
  - id: stay-extension
    agency: migration
    name: {az: "Müvəqqəti olma müddətinin uzadılması", ru: "Продление срока временного пребывания", en: "Extension of stay"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: G
    expectedMinutes: 8
  - id: foreigner-registration
    agency: migration
    name: {az: "Əcnəbilərin yaşayış yeri üzrə qeydiyyatı", ru: "Регистрация иностранцев по месту пребывания", en: "Foreigners' address registration"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: G
    expectedMinutes: 6
  - id: migration-info
    agency: migration
    name: {az: "Miqrasiya arayışı", ru: "Миграционная справка", en: "Migration certificate"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: W
    expectedMinutes: 5
  - id: appointment-migration
    agency: migration
    name: {az: "Onlayn görüş (miqrasiya)", ru: "Онлайн-запись (миграция)", en: "Online appointment (migration)"}
    category: [{az: "Dövlət Miqrasiya Xidməti", ru: "Государственная миграционная служба", en: "State Migration Service"}]
    prefix: Q
    expectedMinutes: 15
    appointmentOnly: true
windows:
  - number: 1
    agency: internal
    services: {id-card: 3, passport-child: 1, criminal-record: 1}
  - number: 2
    agency: internal
    services: {id-card-renew: 3, registration: 1, vehicle: 1}
  - number: 3
    agency: internal
    services: {passport: 3, driving-licence: 1}
  - number: 4
    agency: justice
    services: {birth: 3, death: 1, notary-power: 1}
  - number: 5
    agency: justice
    services: {marriage: 3, name-change: 1, apostille: 1}
  - number: 6
    agency: justice
    services: {divorce: 3, notary-copy: 1}
  - number: 7
    agency: social
    services: {pension: 3, disability: 1, unemployment: 1, targeted-aid: 1}
  - number: 8
    agency: social
    services: {pension-info: 3, child-benefit: 1, employment: 1, labour-record: 1}
  - number: 9
    agency: property
    services: {property-register: 3, mortgage: 1, lease: 1, property-tax: 1}
  - number: 10
    agency: property
    services: {property-extract: 3, land: 1, technical-passport: 1, privatisation: 1}
  - number: 11
    agency: migration
    services: {temporary-residence: 3, work-permit: 1, stay-extension: 1, migration-info: 1}
  - number: 12
    agency: migration
    services: {permanent-residence: 3, citizenship: 1, foreigner-registration: 1, appointment-migration: 1}
priorities:
  - id: disabled
    name: {az: "Əlilliyi olan şəxslər", ru: "Люди с инвалидностью", en: "People with disabilities"}
    policy: first
    maxConsecutive: 2
    proof: {az: "Pəncərədə əlillik haqqında arayışı təqdim edin", ru: "Покажите в окне справку об инвалидности", en: "Show your disability certificate at the window"}
  - id: aged65
    name: {az: "65 yaşdan yuxarı", ru: "Старше 65 лет", en: "Aged 65 and over"}
    policy: boost
    boostMinutes: 10
    proof: {az: "Pəncərədə şəxsiyyət vəsiqənizi təqdim edin", ru: "Покажите в окне удостоверение личности", en: "Show your identity card at the window"}
  - id: pregnant
    name: {az: "Hamilə qadınlar", ru: "Беременные женщины", en: "Pregnant women"}
    policy: first
    maxConsecutive: 2
    proof: {az: "Əməkdaş pəncərədə təsdiq edəcək", ru: "Сотрудник подтвердит в окне", en: "A member of staff confirms it at the window"}
api:
  listen: 127.0.0.1:8080
  tokens:
    - {role: kiosk, token: demo-kiosk-token-0001}
    - {role: technician, token: demo-technician-token-0001}
    - {role: admin, token: demo-admin-token-00001}
    - {role: operator, operator: op1, token: demo-operator-01-token-0001}
    - {role: operator, operator: op2, token: demo-operator-02-token-0001}
    - {role: operator, operator: op3, token: demo-operator-03-token-0001}
    - {role: operator, operator: op4, token: demo-operator-04-token-0001}
    - {role: operator, operator: op5, token: demo-operator-05-token-0001}
    - {role: operator, operator: op6, token: demo-operator-06-token-0001}
    - {role: operator, operator: op7, token: demo-operator-07-token-0001}
    - {role: operator, operator: op8, token: demo-operator-08-token-0001}
    - {role: operator, operator: op9, token: demo-operator-09-token-0001}
    - {role: operator, operator: op10, token: demo-operator-10-token-0001}
    - {role: operator, operator: op11, token: demo-operator-11-token-0001}
    - {role: operator, operator: op12, token: demo-operator-12-token-0001}
"""
}
