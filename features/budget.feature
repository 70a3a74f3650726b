# 中文标题：区财政投资公益性项目预算变更
# 中文说明：引擎读取区财政局登记的项目变更记录（每行一个事件）：每个项目的工程预算及资金来源、对最终造价的每次重新估算、向区政府报告超支、批准或否决追加、暂停、复工和竣工。事件按日期排序，同一日期按行序。对每个项目，引擎按评估日期判定其状态、当前应采取的措施（报告超支及期限、暂停施工、移交监察部门、调整内容或重新报批）以及对过往事件的认定（报告迟延、未经批准施工），每项均附所依据的规则、出处和发生日期。
Feature: Budget changes of district fiscally-funded public projects

  The engine reads a change log, one event a row, as a district finance bureau keeps it:
  for each project its engineering budget (with its source of funds), every revised
  estimate of its final cost, every report of an overrun to the district government, every
  approval or rejection of an increase, and every suspension, resumption and completion of
  construction. Events are put in order by date, then by row within a date. It decides
  for each project, as of an evaluation date ("as of"):
  - its status: within budget, increase approved, overrun not reported, overrun awaiting
  approval, increase rejected, out of scope, or no budget yet;
  - what must happen next and what went wrong, each action with the rule that asks for it,
  its citation and the date it arose: report the overrun (with its due date), halt
  construction, refer to the supervision department, re-scope or resubmit; a late report,
  construction without approval.

  Facts are taken as they stood on the evaluation date. An event dated after it (an
  estimate, a report, an approval, a suspension) has not happened yet.

  The overrun is the latest estimate minus the approved budget (the original budget plus
  the increases the district government approved). The overrun ratio is that unapproved
  overrun divided by the original budget. Money is in yuan, to the fen; ratios are shown
  to six places, rounded down. Construction is taken to be going on from the budget until
  a suspension or completion is recorded.

  The four principles come from section 四.6 of the district party secretary's speech at the
  2012 major-projects dispatch meeting (seed §4.6). They are applied from 2012-01-01 (B0: the
  speech restates the principles of the 2012 plan year), a district parameter
  (principles_from) a rule pack may move; an evaluation date before that is refused, and
  events before it yield no findings. The interpretation followed is decisions.md B0-B6.
  From 2019-07-01 the
  national Government Investment Regulations also apply (rules/budget_national.yaml); a
  district can switch them off.

  The quotations of the speech below are converted from the seed's Traditional characters
  to Simplified Chinese (decisions.md IO2) and the pinyin marks scattered in the seed text
  are removed; nothing else is changed, punctuation included.

  Rule: B0 — the principles apply from 2012-01-01, or from the date the district sets

    区委书记讲话（2012）二、1 (District speech 2012, §2.1):
    “各项目责任单位必须紧紧抓住今年剩下的四个月时间”
    Gloss: the speech restates the principles for the 2012 plan year, the "重大项目聚焦年";
    they apply from 2012-01-01 by default. The speech itself is undated: it asks the units to
    seize "the remaining four months of this year", so it was given at the end of August
    2012. A district that dates the principles from the speech sets principles_from, a
    district parameter (rules/budget.yaml, decisions.md B0): an event before that date yields
    no finding, and an evaluation date before it is refused.

    Example: an evaluation date before 2012-01-01 is refused: no budget rule is in force
      Given project "D3" has a budget of 10,000,000 yuan on 2011-06-01
      When the log is evaluated as of 2011-12-31
      Then the evaluation is refused: no budget rule is in force on 2011-12-31

    @BUD-B2-WITHIN-BUDGET
    Example: on 2012-01-01 the principles apply to a project budgeted in 2011
      Given project "D3" has a budget of 10,000,000 yuan on 2011-06-01
      When the log is evaluated as of 2012-01-01
      Then the project is "within_budget"
      And the project's actions are none

    @BUD-B3-LATE-REPORT @BUD-B4-PENDING
    Scenario Outline: principles applied from 2012-09-01 judge no event before that day
      A report 12 days after the estimate is late under principle 3; it is judged only if
      it was made on or after the day the district applies the principles from.

      Given the district applies the principles from 2012-09-01
      And project "D4" has a budget of 10,000,000 yuan on 2012-08-01
      And on 2012-08-20 the estimate is revised to 11,000,000 yuan
      And on 2012-08-20 construction is suspended
      And on <reported> the overrun is reported to the district government
      When the log is evaluated as of 2012-10-31
      Then the project is "overrun_pending"
      And the project's actions are <actions>

      Examples: reported the day before
        | reported   | actions           |
        | 2012-08-31 | HALT_CONSTRUCTION |

      Examples: reported on the day
        | reported   | actions                        |
        | 2012-09-01 | LATE_REPORT, HALT_CONSTRUCTION |

    Example: principles applied from 2012-09-01 refuse an evaluation date before them
      Given the district applies the principles from 2012-09-01
      And project "D4" has a budget of 10,000,000 yuan on 2012-08-01
      When the log is evaluated as of 2012-08-31
      Then the evaluation is refused: no budget rule is in force on 2012-08-31

  Rule: B1 — the principles govern projects funded by district fiscal investment; others are named out of scope

    区委书记讲话（2012）四、6 (District speech 2012, §4.6, heading and principle 1):
    “6、认真推进区级财政投资公共项目。必须坚持四项原则:一是依法依规;”
    Gloss: the principles govern public projects funded by district fiscal investment
    (funding "district_fiscal"), judged by law and regulation. Any other project — city,
    provincial or central funds, special bonds, enterprise money — is reported as out of
    scope with the date of its budget, never silently passed, and nothing else is judged of
    it under these principles (B1). A project whose budget is approved after the evaluation
    date has nothing to judge yet.

    @BUD-B1-OUT-OF-SCOPE
    Example: a city-funded project is out of scope: a 25% overrun brings no finding
      Given project "C1" has a budget of 10,000,000 yuan on 2012-03-01, funded by city_fiscal
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      When the log is evaluated as of 2012-06-30
      Then the project is "out_of_scope"
      And the overrun is 2,500,000.00 yuan, 0.250000 of the budget
      And the project's actions are OUT_OF_SCOPE
      And the project's actions include OUT_OF_SCOPE dated 2012-03-01

    @BUD-B1-OUT-OF-SCOPE
    Scenario Outline: every source of funds other than the district's is out of scope
      Given project "C2" has a budget of 10,000,000 yuan on 2012-03-01, funded by <funding>
      And on 2012-04-10 the estimate is revised to 11,500,000 yuan
      When the log is evaluated as of 2012-06-30
      Then the project is "out_of_scope"
      And the project's actions are OUT_OF_SCOPE

      Examples: other government funds (special bonds in 2012)
        | funding      |
        | special_bond |

      Examples: private money, and a source the input contract does not list
        | funding    |
        | enterprise |
        | 社会资本   |

    @BUD-B1-OUT-OF-SCOPE @BUD-B2-WITHIN-BUDGET
    Example: in one log, the district-funded project is judged and the city-funded one named out of scope
      Given project "D1" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 9,500,000 yuan
      And project "C3" has a budget of 8,000,000 yuan on 2012-03-05, funded by city_fiscal
      When the log is evaluated as of 2012-06-30
      Then project "D1" is "within_budget"
      And project "C3" is "out_of_scope"

    @BUD-NOT-BUDGETED @BUD-B2-WITHIN-BUDGET
    Scenario Outline: a budget approved after the evaluation date has nothing to judge yet
      The estimate of 2012-08-01 has not been made on either date.

      Given project "D2" has a budget of 10,000,000 yuan on 2012-07-02
      And on 2012-08-01 the estimate is revised to 13,000,000 yuan
      When the log is evaluated as of <as_of>
      Then the project is "<status>"
      And the project's actions are none

      Examples: the day before the budget
        | as_of      | status       |
        | 2012-07-01 | not_budgeted |

      Examples: the day of the budget
        | as_of      | status        |
        | 2012-07-02 | within_budget |

  Rule: B2 — build strictly to the engineering budget; an overrun is measured against the original budget

    区委书记讲话（2012）四、6 (District speech 2012, §4.6, principle 2):
    “二是严格按照工程预算进行施工建设,原则上不得突破工程预算;”
    Gloss: build strictly to the engineering budget; in principle it may not be exceeded. An
    estimate above the approved budget by any amount, one fen included, is an overrun (B2).
    An increase the district government approved becomes part of the budget; the ratio of
    the unapproved overrun is always taken over the original budget.

    @BUD-B2-WITHIN-BUDGET
    Scenario Outline: an estimate at or below the budget is within it and owes nothing
      Given project "D4" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to <estimate> yuan
      When the log is evaluated as of 2012-06-30
      Then the project is "within_budget"
      And the overrun is 0.00 yuan, 0.000000 of the budget
      And the project's actions are none

      Examples:
        | estimate   |
        | 9,800,000  |
        | 10,000,000 |

    @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: one fen over the budget is an overrun, though its ratio shows as 0.000000
      Given project "D5" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 10,000,000.01 yuan
      And on 2012-04-10 construction is suspended
      When the log is evaluated as of 2012-04-12
      Then the project is "overrun_unreported"
      And the overrun is 0.01 yuan, 0.000000 of the budget
      And the project's actions are REPORT_OVERRUN, HALT_CONSTRUCTION

    @BUD-B2-APPROVED
    Example: an approved increase becomes part of the budget, and a later estimate within it owes nothing
      Given project "D6" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      And on 2012-04-21 construction is resumed
      And on 2012-05-15 the estimate is revised to 10,900,000 yuan
      When the log is evaluated as of 2012-06-30
      Then the project is "approved"
      And the overrun is 0.00 yuan, 0.000000 of the budget
      And the project's actions are none

    @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: approving less than the overrun leaves the rest unapproved, to be reported anew from the approval
      Given project "D7" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_unreported"
      And the overrun is 500,000.00 yuan, 0.050000 of the budget
      And the project's actions are REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions include REPORT_OVERRUN dated 2012-04-20
      And the project's actions include REPORT_OVERRUN due on 2012-04-25

  Rule: B3 — an overrun is reported to the district government within 5 days of the estimate that revealed it

    区委书记讲话（2012）四、6 (District speech 2012, §4.6, principle 3, first part):
    “三是确需超出工程预算的必须及时上报,”
    Gloss: where exceeding the budget is truly necessary, it must be reported promptly.
    "Promptly" is a district parameter of 5 days (B3), counted from the estimate that
    revealed the overrun, that day not counted: an estimate on 10 April is reported on time
    up to 15 April, and a report on 16 April is late — a finding dated by the report. A
    later estimate that raises the overrun above what was reported, and an approval of less
    than the overrun, start a new 5 days; a higher estimate before the report does not.

    @BUD-B3-UNREPORTED @BUD-B4-HALT
    Scenario Outline: the report is due 5 days after the estimate, across month ends and 29 February
      Given project "D8" has a budget of 10,000,000 yuan on 2012-01-16
      And on <estimated> the estimate is revised to 11,000,000 yuan
      And on <estimated> construction is suspended
      When the log is evaluated as of <estimated>
      Then the project is "overrun_unreported"
      And the project's actions are REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions include REPORT_OVERRUN due on <due>

      Examples:
        | estimated  | due        |
        | 2012-02-26 | 2012-03-02 |
        | 2012-12-29 | 2013-01-03 |

    @BUD-B3-LATE-REPORT @BUD-B4-PENDING @BUD-B4-HALT
    Scenario Outline: a report on the 5th day is on time, on the 6th day it is late
      Given project "D9" has a budget of 10,000,000 yuan on 2012-03-01
      And on <estimated> the estimate is revised to 11,000,000 yuan
      And on <estimated> construction is suspended
      And on <reported> the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the project's actions are <actions>

      Examples: on the 5th day
        | estimated  | reported   | actions           |
        | 2012-04-10 | 2012-04-15 | HALT_CONSTRUCTION |

      Examples: on the 6th day
        | estimated  | reported   | actions                        |
        | 2012-04-10 | 2012-04-16 | LATE_REPORT, HALT_CONSTRUCTION |

    @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: a report dated after the evaluation date has not been made: the report is overdue, not yet late
      Given project "D10" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-20 the overrun is reported to the district government
      When the log is evaluated as of 2012-04-19
      Then the project is "overrun_unreported"
      And the project's actions are REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions include REPORT_OVERRUN due on 2012-04-15

    @BUD-B3-LATE-REPORT @BUD-B4-PENDING
    Example: a higher estimate before the report does not restart the 5 days; the late report is dated by the report
      Given project "D11" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-13 the estimate is revised to 11,500,000 yuan
      And on 2012-04-16 the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the project's actions are LATE_REPORT, HALT_CONSTRUCTION
      And the project's actions include LATE_REPORT dated 2012-04-16
      And the basis of LATE_REPORT is District speech 2012 §4.6

    @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: a pending overrun raised by a later estimate must be reported again, from that estimate
      Given project "D12" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the estimate is revised to 11,600,000 yuan
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_unreported"
      And the overrun is 1,600,000.00 yuan, 0.160000 of the budget
      And the project's actions are REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions include REPORT_OVERRUN dated 2012-04-20
      And the project's actions include REPORT_OVERRUN due on 2012-04-25

    @BUD-B4-PENDING @BUD-B4-HALT
    Example: a lower estimate, still over the budget, needs no new report
      Given project "D13" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the estimate is revised to 10,800,000 yuan
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_pending"
      And the overrun is 800,000.00 yuan, 0.080000 of the budget
      And the project's actions are HALT_CONSTRUCTION

    @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: two successive overruns: the first approved, the second owes a new report 5 days after its estimate
      Given project "D14" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      And on 2012-04-21 construction is resumed
      And on 2012-05-10 the estimate is revised to 11,500,000 yuan
      And on 2012-05-10 construction is suspended
      When the log is evaluated as of 2012-05-12
      Then the project is "overrun_unreported"
      And the overrun is 500,000.00 yuan, 0.050000 of the budget
      And the project's actions are REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions include REPORT_OVERRUN dated 2012-05-10
      And the project's actions include REPORT_OVERRUN due on 2012-05-15

    @BUD-B3-LATE-REPORT @BUD-B4-PENDING @BUD-B4-HALT
    Scenario Outline: two successive overruns: the second report is timed from the second estimate
      Given project "D15" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      And on 2012-04-21 construction is resumed
      And on 2012-05-10 the estimate is revised to 11,500,000 yuan
      And on 2012-05-10 construction is suspended
      And on <reported> the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the project's actions are <actions>

      Examples:
        | reported   | actions                        |
        | 2012-05-15 | HALT_CONSTRUCTION              |
        | 2012-05-16 | LATE_REPORT, HALT_CONSTRUCTION |

  Rule: B4 — until the district government approves, construction is suspended without exception

    区委书记讲话（2012）四、6 (District speech 2012, §4.6, principle 3):
    “三是确需超出工程预算的必须及时上报,在区政府研究同意之前,工程建设一律暂停施工;”
    Gloss: until the district government has studied and agreed to the increase,
    construction is suspended without exception — no days of grace (B4). Construction that
    goes on after the day the overrun arose, never stopped, is a breach dated that day;
    construction stopped and then resumed before approval is a breach dated the resumption.
    Suspending on the day the overrun arises is in time. A breach stays on the record after
    the approval. Once construction is complete there is nothing left to halt.

    @BUD-B4-CONTINUED @BUD-B4-PENDING @BUD-B4-HALT
    Scenario Outline: construction must stop the day the overrun arises
      Given project "D16" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-12 the overrun is reported to the district government
      And on <suspended> construction is suspended
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_pending"
      And the project's actions are <actions>

      Examples: suspended the same day: in time
        | suspended  | actions           |
        | 2012-04-10 | HALT_CONSTRUCTION |

      Examples: suspended the next day: a breach
        | suspended  | actions                                           |
        | 2012-04-11 | CONSTRUCTION_WITHOUT_APPROVAL, HALT_CONSTRUCTION |

    @BUD-B4-CONTINUED @BUD-B4-PENDING @BUD-B4-HALT
    Example: construction never suspended: a continued breach dated the day the overrun arose
      Given project "D17" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-12 the overrun is reported to the district government
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_pending"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, HALT_CONSTRUCTION
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-10
      And the project's actions include HALT_CONSTRUCTION dated 2012-04-10

    @BUD-B3-UNREPORTED @BUD-B4-HALT @BUD-B4-CONTINUED
    Scenario Outline: on the day the overrun arises construction has not yet gone on; the next day it has
      Given project "D18" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      When the log is evaluated as of <as_of>
      Then the project is "overrun_unreported"
      And the project's actions are <actions>

      Examples:
        | as_of      | actions                                                          |
        | 2012-04-10 | REPORT_OVERRUN, HALT_CONSTRUCTION                               |
        | 2012-04-11 | REPORT_OVERRUN, HALT_CONSTRUCTION, CONSTRUCTION_WITHOUT_APPROVAL |

    @BUD-B4-RESUMED @BUD-B2-APPROVED
    Scenario Outline: resuming before the approval is a breach, after it is not
      Given project "D19" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      And on <resumed> construction is resumed
      When the log is evaluated as of 2012-04-30
      Then the project is "approved"
      And the project's actions are <actions>

      Examples: resumed the day before the approval
        | resumed    | actions                       |
        | 2012-04-19 | CONSTRUCTION_WITHOUT_APPROVAL |

      Examples: resumed the day after the approval
        | resumed    | actions |
        | 2012-04-21 | none    |

    @BUD-B4-RESUMED @BUD-B2-APPROVED
    Example: on the day of the approval, a resumption recorded on an earlier row than the approval is a breach
      Given project "D20" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 construction is resumed
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      When the log is evaluated as of 2012-04-30
      Then the project is "approved"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-20

    @BUD-B2-APPROVED
    Example: on the day of the approval, a resumption recorded on a later row than the approval is no breach
      Given project "D21" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      And on 2012-04-20 construction is resumed
      When the log is evaluated as of 2012-04-30
      Then the project is "approved"
      And the project's actions are none

    @BUD-B4-RESUMED @BUD-B4-PENDING @BUD-B4-HALT
    Example: construction already suspended when the overrun arose, then resumed before approval
      Given project "D22" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-01 construction is suspended
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-25 construction is resumed
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_pending"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, HALT_CONSTRUCTION
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-25
      And the project's actions include HALT_CONSTRUCTION dated 2012-04-10

    @BUD-B4-CONTINUED @BUD-B2-APPROVED
    Example: the breach stays on the record after the increase is approved
      Given project "D23" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,000,000 yuan
      When the log is evaluated as of 2012-04-30
      Then the project is "approved"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-10

    @BUD-B4-CONTINUED @BUD-B3-UNREPORTED
    Example: construction carried on to completion without approval is a breach; there is nothing left to halt
      Given project "D24" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-05-20 construction is completed
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_unreported"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REPORT_OVERRUN
      And the project's actions do not include HALT_CONSTRUCTION

    @BUD-B4-CONTINUED @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: construction that went on through a partial approval and stopped that day is one breach, dated the day the overrun arose
      Given project "D25" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 500,000 yuan
      And on 2012-04-20 construction is suspended
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_unreported"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-10
      And the project's actions include REPORT_OVERRUN due on 2012-04-25

    @BUD-B4-CONTINUED @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: construction that went on until a second, higher estimate and stopped that day is one breach, dated the first overrun
      Given project "D26" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-05-10 the estimate is revised to 11,500,000 yuan
      And on 2012-05-10 construction is suspended
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_unreported"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-10
      And the project's actions include REPORT_OVERRUN due on 2012-05-15

  Rule: B5 — an overrun reaching 20% of the budget, where the unit did not perform the procedures of principle 3, is referred to the district supervision department

    区委书记讲话（2012）四、6 (District speech 2012, §4.6, principles 3 and 4):
    “三是确需超出工程预算的必须及时上报,在区政府研究同意之前,工程建设一律暂停施工;”
    “四是工程建设超支预算20%且未履行相关手续的,区监察部门介入调查。”
    Gloss: two conditions, both needed (B5). (1) The overrun reached 20% of the budget:
    "超支预算20%" is read as reaching 20%, so 20% itself counts and 19.99% does not; the
    ratio is the unapproved overrun over the original budget, a district parameter. (2) The
    unit did not perform the procedures of principle 3 for that overrun: it did not report
    it within the 5 days (B3), or construction went on or resumed before approval (B4). A
    unit that reported on time and halted is not referred — not while it awaits the
    decision, not after an approval, not after a rejection it complies with: the approval
    is the government's act, not the unit's. Once a breach meets a 20% overrun the referral
    arises, dated the first day both held (the day the report deadline passed; the day the
    overrun arose for construction that went on; the day construction resumed), and it
    stays on the record after a later approval: an approval mitigates, it does not undo the
    breach.

    @BUD-B5-REFER @BUD-B4-PENDING @BUD-B4-HALT
    Example: reported on time and halted at 25%, awaiting the decision: no referral
      Given project "R1" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the overrun is 2,500,000.00 yuan, 0.250000 of the budget
      And the project's actions are HALT_CONSTRUCTION

    @BUD-B5-REFER @BUD-B2-APPROVED
    Example: reported on time and halted at 25%, then approved: no referral
      Given project "R2" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 2,500,000 yuan
      And on 2012-04-21 construction is resumed
      When the log is evaluated as of 2012-05-31
      Then the project is "approved"
      And the project's actions are none

    @BUD-B5-REFER @BUD-B6-REJECTED @BUD-B2-WITHIN-BUDGET
    Example: reported on time and halted at 25%, rejected, and the unit re-scopes: no referral
      Given project "R3" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government rejects the increase
      And on 2012-05-10 the estimate is revised to 10,000,000 yuan
      When the log is evaluated as of 2012-05-31
      Then the project is "within_budget"
      And the project's actions are none

    @BUD-B5-REFER @BUD-B3-LATE-REPORT @BUD-B4-PENDING @BUD-B4-HALT
    Scenario Outline: a report one day late at 25% is referred, dated the day the deadline passed; a report on the 5th day is not
      Given project "R4" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on <reported> the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the project's actions are <actions>

      Examples: on the 5th day: on time
        | reported   | actions           |
        | 2012-04-15 | HALT_CONSTRUCTION |

      Examples: on the 6th day: late, and referred from the day the deadline passed
        | reported   | actions                                              |
        | 2012-04-16 | LATE_REPORT, REFER_TO_SUPERVISION, HALT_CONSTRUCTION |

    @BUD-B5-REFER @BUD-B3-LATE-REPORT @BUD-B4-PENDING @BUD-B4-HALT
    Example: a report ten days late at 25%: the referral is dated when the deadline passed, the late report when it came
      Given project "R5" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-25 the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the project's actions include REFER_TO_SUPERVISION dated 2012-04-16
      And the project's actions include LATE_REPORT dated 2012-04-25
      And the basis of REFER_TO_SUPERVISION is District speech 2012 §4.6

    @BUD-B5-REFER @BUD-B3-UNREPORTED @BUD-B4-HALT
    Scenario Outline: an overrun of 25% not reported at all is referred once its deadline has passed, not before
      Given project "R6" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      And on 2012-04-10 construction is suspended
      When the log is evaluated as of <as_of>
      Then the project is "overrun_unreported"
      And the project's actions are <actions>

      Examples: on the last day for the report
        | as_of      | actions                           |
        | 2012-04-15 | REPORT_OVERRUN, HALT_CONSTRUCTION |

      Examples: the day after
        | as_of      | actions                                                 |
        | 2012-04-16 | REPORT_OVERRUN, HALT_CONSTRUCTION, REFER_TO_SUPERVISION |

    @BUD-B5-REFER @BUD-B4-CONTINUED @BUD-B2-APPROVED
    Example: construction went on at exactly 20% before approval, then the increase was approved: the referral stays on the record
      Given project "R7" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,000,000 yuan
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 2,000,000 yuan
      When the log is evaluated as of 2012-04-30
      Then the project is "approved"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REFER_TO_SUPERVISION
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-10
      And the project's actions include REFER_TO_SUPERVISION dated 2012-04-10

    @BUD-B5-REFER @BUD-B4-RESUMED @BUD-B2-APPROVED
    Example: resuming at 20% before the approval is referred, dated the resumption, and stays after the approval
      Given project "R8" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-18 construction is resumed
      And on 2012-04-20 the district government approves an increase of 2,000,000 yuan
      When the log is evaluated as of 2012-04-30
      Then the project is "approved"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REFER_TO_SUPERVISION
      And the project's actions include REFER_TO_SUPERVISION dated 2012-04-18

    @BUD-B5-REFER @BUD-B3-LATE-REPORT @BUD-B4-CONTINUED @BUD-B4-RESUMED @BUD-B4-PENDING @BUD-B4-HALT
    Scenario Outline: 19.99% with every breach is not referred, and the breaches stand; 20.00% is referred
      Reported late, construction carried on after the overrun, then stopped and resumed
      before any approval: each breach is a finding either way; only the 20% overrun is
      referred, dated the day the overrun arose (construction went on after it).

      Given project "R9" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to <estimate> yuan
      And on 2012-04-20 the overrun is reported to the district government
      And on 2012-04-25 construction is suspended
      And on 2012-05-02 construction is resumed
      And on 2012-05-03 construction is suspended
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the overrun is <overrun> yuan, <ratio> of the budget
      And the project's actions are <actions>
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-10
      And the project's actions include LATE_REPORT dated 2012-04-20
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-05-02

      Examples: 19.99%: every breach a finding, no referral
        | estimate      | overrun      | ratio    | actions                                                                                  |
        | 11,999,000.00 | 1,999,000.00 | 0.199900 | LATE_REPORT, CONSTRUCTION_WITHOUT_APPROVAL, CONSTRUCTION_WITHOUT_APPROVAL, HALT_CONSTRUCTION |

      Examples: 20.00%: the same breaches, and the referral
        | estimate      | overrun      | ratio    | actions                                                                                                        |
        | 12,000,000.00 | 2,000,000.00 | 0.200000 | LATE_REPORT, CONSTRUCTION_WITHOUT_APPROVAL, REFER_TO_SUPERVISION, CONSTRUCTION_WITHOUT_APPROVAL, HALT_CONSTRUCTION |

    @BUD-B5-REFER @BUD-B4-PENDING @BUD-B4-HALT @BUD-B3-LATE-REPORT
    Example: the ratio is taken over the original budget, not over the budget with its approved increase
      The unapproved 2,000,000 is 20% of the original 10,000,000, though only 17.39% of the
      11,500,000 approved; it was reported a day late.

      Given project "R10" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government approves an increase of 1,500,000 yuan
      And on 2012-05-10 the estimate is revised to 13,500,000 yuan
      And on 2012-05-16 the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the overrun is 2,000,000.00 yuan, 0.200000 of the budget
      And the project's actions are LATE_REPORT, REFER_TO_SUPERVISION, HALT_CONSTRUCTION
      And the project's actions include REFER_TO_SUPERVISION dated 2012-05-16

    @BUD-B5-REFER @BUD-B4-PENDING @BUD-B4-HALT @BUD-B3-LATE-REPORT
    Example: a breach is referred once, not again when the estimate rises further
      Given project "R11" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 12,500,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-20 the overrun is reported to the district government
      And on 2012-05-10 the estimate is revised to 13,000,000 yuan
      And on 2012-05-20 the overrun is reported to the district government
      When the log is evaluated as of 2012-05-31
      Then the project is "overrun_pending"
      And the project's actions are LATE_REPORT, REFER_TO_SUPERVISION, LATE_REPORT, HALT_CONSTRUCTION
      And the project's actions include REFER_TO_SUPERVISION dated 2012-04-16

  Rule: B6 — a rejected increase leaves the budget unchanged: re-scope, or have a new request approved

    区委书记讲话（2012）四、6 (District speech 2012, §4.6, principle 3):
    “三是确需超出工程预算的必须及时上报,在区政府研究同意之前,工程建设一律暂停施工;”
    Gloss: when the district government rejects the increase, it has not agreed: the budget
    is unchanged and the overrun stands. The project must bring its estimate back within
    the budget (re-scope) or have a new request approved, and construction stays suspended
    until then (B6). Resuming meanwhile is a breach.

    @BUD-B6-REJECTED @BUD-B4-HALT
    Example: a rejection leaves the overrun: re-scope or resubmit, dated the rejection; construction stays suspended
      Given project "D32" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government rejects the increase
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_rejected"
      And the overrun is 1,000,000.00 yuan, 0.100000 of the budget
      And the project's actions are RESCOPE_OR_RESUBMIT, HALT_CONSTRUCTION
      And the project's actions include RESCOPE_OR_RESUBMIT dated 2012-04-20

    @BUD-B6-REJECTED @BUD-B2-WITHIN-BUDGET
    Scenario Outline: after a rejection, an estimate back within the budget ends the overrun; one still over it does not
      Given project "D33" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government rejects the increase
      And on 2012-05-10 the estimate is revised to <estimate> yuan
      When the log is evaluated as of 2012-05-31
      Then the project is "<status>"
      And the project's actions are <actions>

      Examples: re-scoped within the budget
        | estimate   | status        | actions |
        | 10,000,000 | within_budget | none    |

      Examples: re-scoped, but still over the budget
        | estimate   | status           | actions                                 |
        | 10,500,000 | overrun_rejected | RESCOPE_OR_RESUBMIT, HALT_CONSTRUCTION |

    @BUD-B6-REJECTED @BUD-B4-RESUMED @BUD-B4-HALT
    Example: resuming after a rejection, with the overrun still there, is a breach
      Given project "D34" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government rejects the increase
      And on 2012-04-25 construction is resumed
      When the log is evaluated as of 2012-04-30
      Then the project is "overrun_rejected"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, RESCOPE_OR_RESUBMIT, HALT_CONSTRUCTION
      And the project's actions include CONSTRUCTION_WITHOUT_APPROVAL dated 2012-04-25

    @BUD-B6-REJECTED @BUD-B4-PENDING @BUD-B2-APPROVED @BUD-B4-HALT
    Scenario Outline: after a rejection, a new request is pending, and once approved the overrun is ended
      Given project "D35" has a budget of 10,000,000 yuan on 2012-03-01
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-04-10 construction is suspended
      And on 2012-04-12 the overrun is reported to the district government
      And on 2012-04-20 the district government rejects the increase
      And on 2012-04-25 the overrun is reported to the district government
      And on 2012-05-05 the district government approves an increase of 1,000,000 yuan
      And on 2012-05-06 construction is resumed
      When the log is evaluated as of <as_of>
      Then the project is "<status>"
      And the project's actions are <actions>

      Examples: rejected
        | as_of      | status           | actions                                 |
        | 2012-04-24 | overrun_rejected | RESCOPE_OR_RESUBMIT, HALT_CONSTRUCTION |

      Examples: resubmitted
        | as_of      | status          | actions           |
        | 2012-04-30 | overrun_pending | HALT_CONSTRUCTION |

      Examples: approved
        | as_of      | status   | actions |
        | 2012-05-31 | approved | none    |

  Rule: Government Investment Regulations (2019) — from 2019-07-01, the national rules on government investment also apply

    《政府投资条例》第十二条、第二十三条、第三十四条第（四）项 (Government Investment Regulations, State Council Decree No. 712, Arts. 12, 23 and 34(4); in force from 2019-07-01):
    “经投资主管部门或者其他有关部门核定的投资概算是控制政府投资项目总投资的依据。”
    “初步设计提出的投资概算超过经批准的可行性研究报告提出的投资估算10%的，项目单位应当向投资主管部门或者其他有关部门报告，投资主管部门或者其他有关部门可以要求项目单位重新报送可行性研究报告。”
    “政府投资项目建设投资原则上不得超过经核定的投资概算。”
    “因国家政策调整、价格上涨、地质条件发生重大变化等原因确需增加投资概算的，项目单位应当提出调整方案及资金来源，按照规定的程序报原初步设计审批部门或者投资概算核定部门核定；涉及预算调整或者调剂的，依照有关预算的法律、行政法规和国家有关规定办理。”
    “项目单位有下列情形之一的，责令改正，根据具体情况，暂停、停止拨付资金或者收回已拨付的资金，暂停或者停止建设活动，对负有责任的领导人员和直接责任人员依法给予处分：……(四)擅自增加投资概算；”
    Gloss: an estimate more than 10% over the approved figure is reported to the
    investment authority; "超过" excludes exactly 10%, so 10% itself is not reported and
    10.01% is. Investment may not in principle exceed the approved figure; an increase
    needs an adjustment plan with its source of funds. Raising the investment without
    authorisation while building goes on is sanctioned by suspending funds and
    construction. The engine's budget stands in for the approved estimate and the revised
    estimate for the 概算 (an approximation, stated in the rule file). The regulations did
    not exist in 2012: they apply only to events and evaluation dates from 2019-07-01, to
    every government investment project (city, provincial and central funds and special
    bonds included), and a district may switch them off.

    @NAT-GIR-ART12-REPORT @NAT-GIR-ART23-ADJUST @NAT-GIR-ART34-SUSPEND @BUD-B4-CONTINUED @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: in 2020, 10% over is not reported to the investment authority; 10.01% is
      The estimate of 2020-04-10 is exactly 10% over: no report. The estimate of 2020-05-11
      is 10.01% over: the report to the investment authority arises that day, once.

      Given project "N1" has a budget of 10,000,000 yuan on 2020-03-02
      And on 2020-04-10 the estimate is revised to 11,000,000 yuan
      And on 2020-05-11 the estimate is revised to 11,001,000 yuan
      When the log is evaluated as of 2020-06-30
      Then the project is "overrun_unreported"
      And the overrun is 1,001,000.00 yuan, 0.100100 of the budget
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REPORT_TO_INVESTMENT_AUTHORITY, REPORT_OVERRUN, HALT_CONSTRUCTION, SUBMIT_ADJUSTMENT_PLAN, SUSPEND_FUNDING
      And the project's actions include REPORT_TO_INVESTMENT_AUTHORITY dated 2020-05-11
      And the project's actions include SUBMIT_ADJUSTMENT_PLAN dated 2020-04-10
      And the project's actions include SUSPEND_FUNDING dated 2020-04-10
      And the basis of REPORT_TO_INVESTMENT_AUTHORITY is Government Investment Regulations Art. 12
      And the basis of SUBMIT_ADJUSTMENT_PLAN is Government Investment Regulations Art. 23
      And the basis of SUSPEND_FUNDING is Government Investment Regulations Art. 34(4)

    @BUD-B4-CONTINUED @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: the same 2020 log without the national rules: only the district's principles
      Given project "N2" has a budget of 10,000,000 yuan on 2020-03-02
      And on 2020-04-10 the estimate is revised to 11,000,000 yuan
      And on 2020-05-11 the estimate is revised to 11,001,000 yuan
      When the log is evaluated as of 2020-06-30 without the national rules
      Then the project is "overrun_unreported"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REPORT_OVERRUN, HALT_CONSTRUCTION
      And the project's actions do not include REPORT_TO_INVESTMENT_AUTHORITY, SUBMIT_ADJUSTMENT_PLAN, SUSPEND_FUNDING

    @BUD-B4-CONTINUED @BUD-B3-UNREPORTED @BUD-B4-HALT
    Example: the same log in 2012: the regulations were not in force, no national action
      Given project "N3" has a budget of 10,000,000 yuan on 2012-03-02
      And on 2012-04-10 the estimate is revised to 11,000,000 yuan
      And on 2012-05-11 the estimate is revised to 11,001,000 yuan
      When the log is evaluated as of 2012-06-30
      Then the project is "overrun_unreported"
      And the project's actions are CONSTRUCTION_WITHOUT_APPROVAL, REPORT_OVERRUN, HALT_CONSTRUCTION

    @NAT-GIR-ART12-REPORT @NAT-GIR-ART23-ADJUST @BUD-B4-PENDING @BUD-B4-HALT
    Example: with construction suspended there is nothing to sanction by suspending funds
      Given project "N4" has a budget of 10,000,000 yuan on 2020-03-02
      And on 2020-04-10 the estimate is revised to 11,500,000 yuan
      And on 2020-04-10 construction is suspended
      And on 2020-04-12 the overrun is reported to the district government
      When the log is evaluated as of 2020-06-30
      Then the project is "overrun_pending"
      And the project's actions are REPORT_TO_INVESTMENT_AUTHORITY, HALT_CONSTRUCTION, SUBMIT_ADJUSTMENT_PLAN
      And the project's actions include REPORT_TO_INVESTMENT_AUTHORITY dated 2020-04-10

    @NAT-GIR-ART23-ADJUST @BUD-B3-UNREPORTED @BUD-B4-HALT
    Scenario Outline: the regulations apply from 2019-07-01, and not to an estimate made before
      Given project "N5" has a budget of 10,000,000 yuan on 2019-05-06
      And on 2019-06-28 the estimate is revised to 11,200,000 yuan
      And on 2019-06-28 construction is suspended
      When the log is evaluated as of <as_of>
      Then the project is "overrun_unreported"
      And the project's actions are <actions>

      Examples: the day before
        | as_of      | actions                           |
        | 2019-06-30 | REPORT_OVERRUN, HALT_CONSTRUCTION |

      Examples: the day the regulations came into force
        | as_of      | actions                                                   |
        | 2019-07-01 | REPORT_OVERRUN, HALT_CONSTRUCTION, SUBMIT_ADJUSTMENT_PLAN |

    @BUD-B1-OUT-OF-SCOPE @NAT-GIR-ART12-REPORT @NAT-GIR-ART23-ADJUST @NAT-GIR-ART34-SUSPEND
    Scenario Outline: a city-funded project is out of the district's scope, but a government investment project
      Given project "N6" has a budget of 10,000,000 yuan on 2020-03-02, funded by <funding>
      And on 2020-04-10 the estimate is revised to 12,500,000 yuan
      When the log is evaluated as of 2020-06-30
      Then the project is "out_of_scope"
      And the project's actions are <actions>

      Examples: government funds
        | funding     | actions                                                                                  |
        | city_fiscal | REPORT_TO_INVESTMENT_AUTHORITY, OUT_OF_SCOPE, SUBMIT_ADJUSTMENT_PLAN, SUSPEND_FUNDING |

      Examples: enterprise funds
        | funding    | actions      |
        | enterprise | OUT_OF_SCOPE |

  Rule: a log the engine cannot read is refused, never guessed

    Not a principle: decisions.md IO1. A row that fails validation is reported with its row
    and column and what was expected; nothing is decided and nothing is written. Row 1 is
    the header: the first event is row 2.

    Example: an event dated before the project's budget is refused at its row
      Given project "E1" has a budget of 10,000,000 yuan on 2012-03-01
      And a row "E1" "2012-02-28" "estimate" "11000000"
      When the log is evaluated as of 2012-06-30
      Then the log is refused at row 3, column "date"

    Example: on the budget's date, an event on an earlier row than the budget is refused
      Given a row "E2" "2012-03-01" "estimate" "11000000"
      And project "E2" has a budget of 10,000,000 yuan on 2012-03-01
      When the log is evaluated as of 2012-06-30
      Then the log is refused at row 2, column "event"

    Example: a project with no budget event is refused
      Given a row "E3" "2012-04-10" "estimate" "11000000"
      And a row "E3" "2012-05-10" "estimate" "12000000"
      When the log is evaluated as of 2012-06-30
      Then the log is refused at row 2, column "event"
