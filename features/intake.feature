# 中文标题：明年重大项目入库（“既要数量，更要质量”）
# 中文说明：引擎按计划部门收集的候选项目逐个读取：项目类别、项目单位、总投资、用地面积、预计年税收（不纳税的公益项目留空）、前期条件和计划开工日期。对给定的计划年度和评估日期，判定每个项目是作为新开工项目入库、列入储备或不予入库，列出每项判定标准的取值、阈值和是否达标，并对入库项目排序。
Feature: Intake of next year's major projects ("quantity, but quality even more")

  The engine reads one row per candidate project, as a planning office collects them for
  next year's major-project plan: its category, holder, total investment, land area,
  expected annual tax (blank for a project that pays none), readiness facts and planned
  start date. For a plan year and an evaluation date ("as of") it decides for each
  candidate:
  - its outcome: admitted as a new start (ADMIT_NEW_START), admitted to the reserve list
  (ADMIT_RESERVE) or rejected (REJECT);
  - every criterion it was judged on, with the value read, the threshold where there is
  one, whether it is met, the rule that judged it and that rule's citation;
  - a rank for every admitted candidate: new starts first, then the reserve list, each by
  total investment, largest first. Rejected candidates get no rank.

  The speech names three qualities — large scale, good returns, high feasibility — and no
  numbers (decisions.md I1). The thresholds used here are the district's defaults, taken
  from published provincial lists of the period (legal.md §4) and set as parameters in
  rules/intake.yaml: total investment of ¥200m for infrastructure, ¥100m for industry and
  ¥50m for high-tech, social and service projects (I2); ¥150,000 of expected annual tax per
  mu of land (I3). Tax per mu is the expected annual tax divided by the land area, compared
  exactly and shown rounded half-up to the fen. Money is in yuan.

  Whether a holder has idle land is not a column of the candidate: it is found by
  evaluating a parcels file with the idle-land rules (features/idle_land.feature) on the
  same evaluation date, and joined on the holder's name. The outcome rules apply from
  2012-07-01, when Order 53 came into force; every evaluation below is made on a date from
  then on. The interpretation followed is decisions.md I1-I5.

  The quotations of the speech below are converted from the seed's Traditional characters
  to Simplified Chinese (decisions.md IO2) and the pinyin marks scattered in the seed text
  are removed; nothing else is changed, punctuation included. The quotations of the laws
  are the Simplified texts of legal.md.

  Rule: I1/I2 — large scale: total investment at least its category's threshold

    区委书记讲话（2012）四、5 (District speech 2012, §4.5):
    “坚持“要数量、更要质量”的原则,精心选择一批规模大、效益好、可行性高的优质项目入库,”
    Gloss: hold to "quantity, but quality even more": choose projects large in scale, good
    in returns and highly feasible. "Large" is a total investment of at least ¥200m for
    infrastructure, ¥100m for industry and ¥50m for high-tech, social and service projects
    (district defaults from the Shaanxi DRC notice on the 2011 provincial key projects,
    legal.md §4). The threshold itself is large enough; a fen less is not. A candidate that
    is not large is rejected, whatever else it has.

    @INT-I2-SCALE-INFRASTRUCTURE @INT-I5-NEW-START @INT-I5-REJECT
    Scenario Outline: an infrastructure project is large from ¥200m, not a fen less
      Given a candidate "S1" in infrastructure investing <amount> yuan, ready to start on 2013-04-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "S1" has outcome <outcome>
      And for candidate "S1" the criteria read:
        | criterion | value    | threshold   | verdict   |
        | scale     | <amount> | <threshold> | <verdict> |

      Examples:
        | amount         | threshold   | verdict | outcome         |
        | 200,000,000    | 200,000,000 | met     | ADMIT_NEW_START |
        | 199,999,999.99 | 200,000,000 | not met | REJECT          |

    @INT-I2-SCALE-INDUSTRY @INT-I5-NEW-START @INT-I5-REJECT
    Scenario Outline: an industrial project is large from ¥100m, not a yuan less
      Given a candidate "S1" in industry investing <amount> yuan, ready to start on 2013-04-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "S1" has outcome <outcome>
      And for candidate "S1" the criteria read:
        | criterion | value    | threshold   | verdict   |
        | scale     | <amount> | <threshold> | <verdict> |

      Examples:
        | amount      | threshold   | verdict | outcome         |
        | 100,000,000 | 100,000,000 | met     | ADMIT_NEW_START |
        | 99,999,999  | 100,000,000 | not met | REJECT          |

    @INT-I2-SCALE-OTHER @INT-I5-NEW-START @INT-I5-REJECT
    Scenario Outline: a high-tech, social or service project is large from ¥50m, not a fen less
      Given a candidate "S1" in <category> investing <amount> yuan, ready to start on 2013-04-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "S1" has outcome <outcome>
      And for candidate "S1" the criteria read:
        | criterion | value    | threshold   | verdict   |
        | scale     | <amount> | <threshold> | <verdict> |

      Examples:
        | category | amount        | threshold  | verdict | outcome         |
        | hightech | 50,000,000    | 50,000,000 | met     | ADMIT_NEW_START |
        | social   | 50,000,000    | 50,000,000 | met     | ADMIT_NEW_START |
        | service  | 50,000,000    | 50,000,000 | met     | ADMIT_NEW_START |
        | hightech | 49,999,999.99 | 50,000,000 | not met | REJECT          |

  Rule: I3 — good returns: expected annual tax of at least ¥150,000 per mu; a public-interest project paying no tax is judged without it

    区委书记讲话（2012）四、5 (District speech 2012, §4.5):
    “精心选择一批规模大、效益好、可行性高的优质项目入库,”
    Gloss: "good in returns" is, for a project that pays tax, an expected annual tax of at
    least ¥150,000 per mu of land (district default from Jinan's key-project rules, land
    tax of ¥2.25m per hectare; legal.md §4, unverified). Exactly ¥150,000 is enough. A
    public-interest project that pays no tax (its expected tax left blank) is judged on
    scale and feasibility alone: it has no returns criterion at all (I3). A candidate whose
    returns are short is rejected, even when it is large.

    @INT-I3-TAX-PER-MU @INT-I5-NEW-START @INT-I5-REJECT
    Scenario Outline: ¥150,000 of tax per mu is enough, one fen less is not
      Given a candidate "R1" in industry investing 300,000,000 yuan, ready to start on 2013-05-01
      And the candidate expects <tax> yuan of tax a year on <mu> mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "R1" has outcome <outcome>
      And for candidate "R1" the criteria read:
        | criterion | value    | threshold | verdict   |
        | scale     | 300,000,000 | 100,000,000 | met  |
        | returns   | <per_mu> | 150,000   | <verdict> |

      Examples:
        | tax        | mu  | per_mu     | verdict | outcome         |
        | 15,000,000 | 100 | 150,000.00 | met     | ADMIT_NEW_START |
        | 3,000,000  | 20  | 150,000.00 | met     | ADMIT_NEW_START |
        | 14,999,999 | 100 | 149,999.99 | not met | REJECT          |

    @INT-I3-TAX-PER-MU @INT-I5-REJECT
    Example: the comparison is exact: half a fen under ¥150,000 per mu is not enough
      ¥14,999,999.50 on 100 mu is ¥149,999.995 a mu. Shown to the fen it rounds half-up to
      ¥150,000.00, but the criterion compares the exact quotient.

      Given a candidate "R2" in industry investing 300,000,000 yuan, ready to start on 2013-05-01
      And the candidate expects 14,999,999.50 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "R2" is rejected
      And for candidate "R2" the criterion returns is not met

    @INT-I3-TAX-PER-MU @INT-I2-SCALE-INDUSTRY @INT-I5-REJECT
    Example: a large project with poor returns is rejected, not put on the reserve list
      Given a candidate "R3" in industry investing 800,000,000 yuan, ready to start on 2013-05-01
      And the candidate expects 10,000,000 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "R3" is rejected
      And the outcome of candidate "R3" comes from INT-I5-REJECT
      And for candidate "R3" the criteria read:
        | criterion | value       | threshold   | verdict |
        | scale     | 800,000,000 | 100,000,000 | met     |
        | returns   | 100,000.00  | 150,000     | not met |
      And candidate "R3" has no rank

    @INT-I2-SCALE-OTHER @INT-I4-FEASIBILITY-STUDY @INT-I5-NEW-START
    Example: a public hospital paying no tax is judged on scale and feasibility only
      Given a candidate "P1" in social investing 450,000,000 yuan, ready to start on 2013-05-06
      And the candidate's "government_funded" is true
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "P1" is admitted as a new start
      And candidate "P1" has no returns criterion
      And the criteria of candidate "P1" are scale, land_secured, planning_approved, eia_approved, feasibility_approved, funds_secured, no_expropriation_pending, starts_in_plan_year, no_idle_land
      And for candidate "P1" the criteria read:
        | criterion            | value       | threshold  | verdict |
        | scale                | 450,000,000 | 50,000,000 | met     |
        | feasibility_approved | true        | none       | met     |

    @INT-I2-SCALE-OTHER @INT-I5-REJECT
    Example: a public-interest project paying no tax is still rejected when it is too small
      Given a candidate "P2" in social investing 30,000,000 yuan, ready to start on 2013-05-06
      And the candidate's "government_funded" is true
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "P2" is rejected
      And candidate "P2" has no returns criterion
      And for candidate "P2" the criteria read:
        | criterion | value      | threshold  | verdict |
        | scale     | 30,000,000 | 50,000,000 | not met |

    @INT-I4-EXPROPRIATION @INT-I5-RESERVE
    Example: a public-interest project paying no tax that is not ready goes to the reserve list
      Given a candidate "P3" in infrastructure investing 600,000,000 yuan, ready to start on 2013-03-01
      And the candidate's "government_funded" is true
      And the candidate's "expropriation_pending" is true
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "P3" is admitted to the reserve list
      And candidate "P3" has no returns criterion
      And for candidate "P3" the criteria read:
        | criterion                | value | threshold | verdict |
        | no_expropriation_pending | true  | none      | not met |

  Rule: I4 — high feasibility: ready to start in the plan year

    区委书记讲话（2012）四、5 (District speech 2012, §4.5):
    “精心选择一批规模大、效益好、可行性高的优质项目入库,确保明年全区重大重点项目建设实现开工、竣工率达到90%以上的目标。”
    区委书记讲话（2012）三 (District speech 2012, §3):
    “项目建设的最大难题就是房屋征收。”
    《政府投资条例》第十七条 (Government Investment Regulations Art. 17, in force from 2019-07-01):
    “列入政府投资年度计划的项目应当符合下列条件：(一)采取直接投资方式、资本金注入方式的，可行性研究报告已经批准或者投资概算已经核定；”
    Gloss: highly feasible is ready to start in the plan year (I4): land secured; planning
    approved; environmental assessment approved; for a government project its feasibility
    study approved, for an enterprise project its filing done (the one does not stand in
    for the other); funds and their sources in place for continuous construction; no house
    expropriation outstanding, the biggest obstacle the speech names; and a planned start
    date inside the plan year, from 1 January to 31 December. A large project with good
    returns that misses any one of them is admitted to the reserve list, not rejected.

    @INT-I4-LAND @INT-I4-PLANNING @INT-I4-EIA @INT-I4-FILING @INT-I4-FUNDS @INT-I4-EXPROPRIATION @INT-I5-RESERVE
    Scenario Outline: any one readiness condition missing sends a large, paying project to the reserve list
      Given a candidate "F1" in industry investing 200,000,000 yuan, ready to start on 2013-06-01
      And the candidate expects 18,000,000 yuan of tax a year on 100 mu
      And the candidate's "<column>" is <value>
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "F1" is admitted to the reserve list
      And the outcome of candidate "F1" comes from INT-I5-RESERVE
      And for candidate "F1" the criteria read:
        | criterion   | value       | threshold   | verdict |
        | scale       | 200,000,000 | 100,000,000 | met     |
        | returns     | 180,000.00  | 150,000     | met     |
        | <criterion> | <value>     | none        | not met |

      Examples: land not secured
        | column       | value | criterion    |
        | land_secured | false | land_secured |

      Examples: planning not approved
        | column            | value | criterion         |
        | planning_approved | false | planning_approved |

      Examples: environmental assessment not approved
        | column       | value | criterion    |
        | eia_approved | false | eia_approved |

      Examples: an enterprise project not filed
        | column      | value | criterion   |
        | filing_done | false | filing_done |

      Examples: funds not in place
        | column        | value | criterion     |
        | funds_secured | false | funds_secured |

      Examples: house expropriation outstanding
        | column                | value | criterion                |
        | expropriation_pending | true  | no_expropriation_pending |

    @INT-I4-FEASIBILITY-STUDY @INT-I5-NEW-START @INT-I5-RESERVE
    Scenario Outline: a government project needs its feasibility study approved; filing does not stand in for it
      Given a candidate "G1" in infrastructure investing 300,000,000 yuan, ready to start on 2013-04-01
      And the candidate's "government_funded" is true
      And the candidate's "feasibility_approved" is <feasibility>
      And the candidate's "filing_done" is <filing>
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "G1" has outcome <outcome>
      And candidate "G1" has no filing_done criterion
      And for candidate "G1" the criteria read:
        | criterion            | value         | threshold | verdict   |
        | feasibility_approved | <feasibility> | none      | <verdict> |

      Examples:
        | feasibility | filing | verdict | outcome         |
        | true        | false  | met     | ADMIT_NEW_START |
        | false       | true   | not met | ADMIT_RESERVE   |

    @INT-I4-FILING @INT-I5-NEW-START @INT-I5-RESERVE
    Scenario Outline: an enterprise project needs its filing done; an approved feasibility study does not stand in for it
      Given a candidate "E1" in industry investing 300,000,000 yuan, ready to start on 2013-04-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      And the candidate's "government_funded" is false
      And the candidate's "feasibility_approved" is <feasibility>
      And the candidate's "filing_done" is <filing>
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "E1" has outcome <outcome>
      And candidate "E1" has no feasibility_approved criterion
      And for candidate "E1" the criteria read:
        | criterion   | value    | threshold | verdict   |
        | filing_done | <filing> | none      | <verdict> |

      Examples:
        | feasibility | filing | verdict | outcome         |
        | false       | true   | met     | ADMIT_NEW_START |
        | true        | false  | not met | ADMIT_RESERVE   |

    @INT-I4-PLAN-YEAR @INT-I5-NEW-START @INT-I5-RESERVE
    Scenario Outline: the planned start must fall inside the plan year
      Given a candidate "Y1" in industry investing 200,000,000 yuan, ready to start on <start>
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "Y1" has outcome <outcome>
      And for candidate "Y1" the criteria read:
        | criterion           | value   | threshold | verdict   |
        | starts_in_plan_year | <start> | none      | <verdict> |

      Examples: inside 2013, its first and last days
        | start      | verdict | outcome         |
        | 2013-01-01 | met     | ADMIT_NEW_START |
        | 2013-12-31 | met     | ADMIT_NEW_START |

      Examples: the day after the plan year, and the day before it
        | start      | verdict | outcome       |
        | 2014-01-01 | not met | ADMIT_RESERVE |
        | 2012-12-31 | not met | ADMIT_RESERVE |

  Rule: I4 — a holder whose own land lies idle, unrectified, or who was found hoarding, fails feasibility: it may not be admitted as a new start

    国土资源部公告2010年第27号（国土资发〔2010〕151号） (MLR 2010 notice):
    “在闲置土地查处整改到位前，暂停其参加新的土地竞买活动”
    《闲置土地处置办法》第二十四条 (Order 53 Art. 24):
    “国有建设用地使用权人违反法律法规规定和合同约定、划拨决定书规定恶意囤地、炒地的，依照本办法规定处理完毕前，市、县国土资源主管部门不得受理该国有建设用地使用权人新的用地申请，不得办理被认定为闲置土地的转让、出租、抵押和变更登记。”
    Gloss (decisions.md I4): two grounds bar a holder's candidate from the new starts. Under
    the 2010 notice, a holder whose own land lies idle for its own cause takes part in no
    new land bidding until the idle land is rectified: its parcel is idle or stalled on the
    evaluation date, the cause is not a verified government or force-majeure one (a cause
    only claimed does not count until verified), and it is not rectified — started with the
    fee paid (a register's fee_levied_on is a fee decided and collected), or reclaimed.
    Under Art. 24, a holder found to hoard land maliciously gets no new land until its case
    is closed; Art. 24 needs that finding, not idle status alone. A
    holder whose land is idle through a verified government cause, or merely overdue, is not
    barred. Idle is decided by the idle-land rules on the evaluation date. A barred
    candidate fails feasibility, so a large project with good returns goes to the reserve
    list instead of the new starts; a candidate rejected for its scale or returns stays
    rejected.

    @INT-I4-NO-IDLE-LAND @INT-I5-RESERVE-IDLE-HOLDER @INT-I5-NEW-START
    Example: a ready candidate whose holder has idle land goes to the reserve list; another holder's does not
      The parcel's start date, 2011-03-01, passed a full year before 2012-09-01: it is idle.

      Given "甲置业有限公司" holds a parcel agreed to start on 2011-03-01, not started
      And a candidate "D1" in industry investing 500,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      And the candidate's holder is "甲置业有限公司"
      And a candidate "D2" in industry investing 500,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "D1" is admitted to the reserve list
      And the outcome of candidate "D1" comes from INT-I5-RESERVE-IDLE-HOLDER
      And for candidate "D1" the criteria read:
        | criterion           | value          | threshold   | verdict |
        | scale               | 500,000,000    | 100,000,000 | met     |
        | returns             | 200,000.00     | 150,000     | met     |
        | starts_in_plan_year | 2013-03-01     | none        | met     |
        | no_idle_land        | 甲置业有限公司 | none        | not met |
      And for candidate "D1" the criterion no_idle_land rests on MLR 2010 notice
      And for candidate "D1" the criterion no_idle_land rests on Order 53 Art. 24
      And candidate "D2" is admitted as a new start
      And for candidate "D2" the criterion no_idle_land is met

    @INT-I4-NO-IDLE-LAND @INT-I5-NEW-START @INT-I5-RESERVE-IDLE-HOLDER
    Scenario Outline: land only overdue does not count; land idle does
      Order 53 counts the year as the civil code does: a parcel agreed to start on
      2011-09-01 is still only overdue on 2012-09-01 and idle from 2012-09-02.

      Given "乙实业有限公司" holds a parcel agreed to start on <agreed>, not started
      And a candidate "D3" in hightech investing 80,000,000 yuan, ready to start on 2013-06-01
      And the candidate expects 4,000,000 yuan of tax a year on 20 mu
      And the candidate's holder is "乙实业有限公司"
      When the candidates are screened for 2013 as of <as_of>
      Then candidate "D3" has outcome <outcome>
      And the outcome of candidate "D3" comes from <rule>
      And for candidate "D3" the criterion no_idle_land is <verdict>

      Examples: overdue, less than a full year after the start date
        | agreed     | as_of      | verdict | outcome         | rule             |
        | 2012-03-01 | 2012-09-01 | met     | ADMIT_NEW_START | INT-I5-NEW-START |
        | 2011-09-01 | 2012-09-01 | met     | ADMIT_NEW_START | INT-I5-NEW-START |

      Examples: idle, a full year past the start date
        | agreed     | as_of      | verdict | outcome       | rule                       |
        | 2011-09-01 | 2012-09-02 | not met | ADMIT_RESERVE | INT-I5-RESERVE-IDLE-HOLDER |

    @INT-I4-NO-IDLE-LAND @INT-I5-NEW-START @INT-I5-RESERVE-IDLE-HOLDER
    Scenario Outline: only the holder's own, unrectified idle land bars it, or a finding of hoarding
      On 2012-09-01 the holder's parcel, agreed to start on <agreed>, is <state>.

      Given "戊置业有限公司" holds a parcel agreed to start on <agreed>, not started
      And in the register the holder's parcel has <cells>
      And a candidate "D6" in industry investing 500,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      And the candidate's holder is "戊置业有限公司"
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "D6" has outcome <outcome>
      And for candidate "D6" the criterion no_idle_land is <verdict>

      Examples: idle for the holder's own cause, or a cause only claimed: barred (2010 notice)
        | agreed     | cells                                   | state                                 | verdict | outcome       |
        | 2011-03-01 | nothing more                            | idle, the holder's cause              | not met | ADMIT_RESERVE |
        | 2011-03-01 | cause government, cause_verified false  | idle, a government cause not verified | not met | ADMIT_RESERVE |

      Examples: idle through a verified government or force-majeure cause: not barred
        | agreed     | cells                                      | state                                    | verdict | outcome         |
        | 2011-03-01 | cause government, cause_verified true      | idle, a verified government cause        | met     | ADMIT_NEW_START |
        | 2011-03-01 | cause force_majeure, cause_verified true   | idle, verified force majeure             | met     | ADMIT_NEW_START |

      Examples: found hoarding: barred whatever the cause (Art. 24)
        | agreed     | cells                                                  | state                                          | verdict | outcome       |
        | 2011-03-01 | cause government, cause_verified true, hoarding true   | idle, a verified government cause, but hoarded | not met | ADMIT_RESERVE |

      Examples: stalled: barred for the holder's cause, not for a verified government one
        | agreed     | cells                                                                                                            | state                                | verdict | outcome         |
        | 2011-03-01 | started_on 2011-03-01, halted_on 2011-06-01, developed_ratio 0.1, invested_ratio 0.1                             | stalled, the holder's cause          | not met | ADMIT_RESERVE   |
        | 2011-03-01 | started_on 2011-03-01, halted_on 2011-06-01, developed_ratio 0.1, invested_ratio 0.1, cause government, cause_verified true | stalled, a verified government cause | met     | ADMIT_NEW_START |

      Examples: started after becoming idle: barred until the fee is paid (decided and collected)
        | agreed     | cells                                            | state                                    | verdict | outcome         |
        | 2010-03-01 | started_on 2011-06-01                            | started after idle, the fee outstanding  | not met | ADMIT_RESERVE   |
        | 2010-03-01 | started_on 2011-06-01, fee_levied_on 2011-05-20  | started after idle, the fee collected    | met     | ADMIT_NEW_START |

    @INT-I4-NO-IDLE-LAND @INT-I4-FUNDS @INT-I5-RESERVE
    Example: a candidate not ready anyway, whose holder has idle land, is on the reserve list for both reasons
      Given "丙投资有限公司" holds a parcel agreed to start on 2011-03-01, not started
      And a candidate "D4" in infrastructure investing 400,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 30,000,000 yuan of tax a year on 200 mu
      And the candidate's holder is "丙投资有限公司"
      And the candidate's "funds_secured" is false
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "D4" is admitted to the reserve list
      And the outcome of candidate "D4" comes from INT-I5-RESERVE
      And for candidate "D4" the criterion funds_secured is not met
      And for candidate "D4" the criterion no_idle_land is not met

    @INT-I4-NO-IDLE-LAND @INT-I2-SCALE-OTHER @INT-I5-REJECT
    Example: a candidate too small stays rejected, whatever its holder's land
      Given "丁置业有限公司" holds a parcel agreed to start on 2011-03-01, not started
      And a candidate "D5" in hightech investing 30,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 4,000,000 yuan of tax a year on 20 mu
      And the candidate's holder is "丁置业有限公司"
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "D5" is rejected
      And the outcome of candidate "D5" comes from INT-I5-REJECT
      And for candidate "D5" the criteria read:
        | criterion    | value          | threshold  | verdict |
        | scale        | 30,000,000     | 50,000,000 | not met |
        | no_idle_land | 丁置业有限公司 | none       | not met |
      And candidate "D5" has no rank

  Rule: I5 — outcome: new start, reserve list or rejection, with every criterion shown; admitted candidates ranked

    区委书记讲话（2012）四、5 (District speech 2012, §4.5):
    “坚持“要数量、更要质量”的原则,”
    Gloss: quantity, but quality even more. A candidate that is large, pays back and is
    ready is admitted as a new start; one that is large and pays back but is not ready is
    admitted to the reserve (preparatory) list; any other is rejected (I5). Every outcome
    lists each criterion with its value and threshold. Admitted candidates are ranked: new
    starts first, then the reserve list, each by total investment, largest first. A
    rejected candidate is not ranked, however large.

    @INT-I5-NEW-START @INT-I5-RESERVE @INT-I5-REJECT @INT-I4-LAND @INT-I4-PLAN-YEAR @INT-I3-TAX-PER-MU
    Example: new starts first, larger investment first, then the reserve list; rejected candidates get no rank
      Given a candidate "A" in industry investing 150,000,000 yuan, ready to start on 2013-04-01
      And the candidate expects 20,000,000 yuan of tax a year on 100 mu
      And a candidate "B" in infrastructure investing 500,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 40,000,000 yuan of tax a year on 200 mu
      And a candidate "C" in industry investing 900,000,000 yuan, ready to start on 2013-05-01
      And the candidate expects 90,000,000 yuan of tax a year on 500 mu
      And the candidate's "land_secured" is false
      And a candidate "D" in hightech investing 40,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 4,000,000 yuan of tax a year on 20 mu
      And a candidate "E" in service investing 300,000,000 yuan, ready to start on 2014-02-01
      And the candidate expects 16,000,000 yuan of tax a year on 100 mu
      And a candidate "F" in industry investing 800,000,000 yuan, ready to start on 2013-03-01
      And the candidate expects 10,000,000 yuan of tax a year on 100 mu
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "B" is admitted as a new start
      And candidate "B" is ranked 1
      And candidate "A" is admitted as a new start
      And candidate "A" is ranked 2
      And candidate "C" is admitted to the reserve list
      And candidate "C" is ranked 3
      And for candidate "C" the criterion land_secured is not met
      And candidate "E" is admitted to the reserve list
      And candidate "E" is ranked 4
      And for candidate "E" the criterion starts_in_plan_year is not met
      And candidate "D" is rejected
      And candidate "D" has no rank
      And candidate "F" is rejected
      And candidate "F" has no rank
      And for candidate "F" the criterion returns is not met

    @INT-I5-REJECT @INT-I2-SCALE-OTHER @INT-I3-TAX-PER-MU @INT-I4-LAND @INT-I4-PLANNING @INT-I4-EIA @INT-I4-FILING @INT-I4-FUNDS @INT-I4-EXPROPRIATION @INT-I4-PLAN-YEAR @INT-I4-NO-IDLE-LAND
    Example: a rejected candidate still shows every criterion, met or not, with its value and threshold
      Given a candidate "J1" in service investing 20,000,000 yuan, ready to start on 2014-03-01
      And the candidate expects 1,000,000 yuan of tax a year on 10 mu
      And the candidate's "planning_approved" is false
      When the candidates are screened for 2013 as of 2012-09-01
      Then candidate "J1" is rejected
      And the criteria of candidate "J1" are scale, returns, land_secured, planning_approved, eia_approved, filing_done, funds_secured, no_expropriation_pending, starts_in_plan_year, no_idle_land
      And for candidate "J1" the criteria read:
        | criterion                | value            | threshold  | verdict |
        | scale                    | 20,000,000       | 50,000,000 | not met |
        | returns                  | 100,000.00       | 150,000    | not met |
        | land_secured             | true             | none       | met     |
        | planning_approved        | false            | none       | not met |
        | eia_approved             | true             | none       | met     |
        | filing_done              | true             | none       | met     |
        | funds_secured            | true             | none       | met     |
        | no_expropriation_pending | false            | none       | met     |
        | starts_in_plan_year      | 2014-03-01       | none       | not met |
        | no_idle_land             | 示例投资有限公司 | none       | met     |
