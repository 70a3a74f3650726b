# 中文标题：年度重大项目清单：开竣工率与要求开工日期
# 中文说明：引擎读取区重大项目办公室的年度项目清单（每个项目一行）：投资、计划开工日期、要求开工日期（如有）以及实际开工和竣工日期。按评估日期和目标比率判定每个项目已竣工、已开工或未开工，计算开竣工率、达到目标所需的项目数及尚需项目数，并对超过要求开工日期仍未开工的项目提出督查措施及逾期天数。
Feature: The year's list of major projects: start/completion rate and required start dates

  The engine reads the year's list of major projects, one row per project, as the district
  major-projects office keeps it: its investment, planned start date, the date by which it
  is required to start (if any), and the dates it started and was completed. For an
  evaluation date ("as of") and a target rate it decides:
  - for each project, whether it is completed, started or not started;
  - the start/completion rate of the list, and how many projects must have started or been
  completed to reach the target, with how many more that is;
  - for each project past a date by which it was required to start and not started, a
  supervision action with the number of days overdue.

  Facts are taken as they stood on the evaluation date: a start or completion dated after
  it has not happened yet. A completed project counts as started.

  The start/completion rate is the number of projects started or completed divided by the
  number of projects on the list, shown to four places, rounded half-up. The number needed
  to reach a target is the smallest whole number whose rate reaches it: the target times
  the number of projects, rounded up (decisions.md I6). The interpretation followed is
  decisions.md I6; the figures are the speech's (seed §2.1, §4.2, §4.5).

  The quotations of the speech below are converted from the seed's Traditional characters
  to Simplified Chinese (decisions.md IO2) and the pinyin marks scattered in the seed text
  are removed; nothing else is changed, punctuation included.

  Rule: §2.1 — a project started or completed counts towards the rate; one not started does not

    区委书记讲话（2012）二、1 (District speech 2012, §2.1):
    “1、年初确定的投资总额565.2亿元的116个重大重点项目要全面推进。目前开工、竣工的项目已有66个,开工、竣工率为56.9%。”
    Gloss: of the 116 major projects fixed at the start of the year, 66 have started or
    been completed: a start/completion rate of 56.9%. The rate counts every project started
    or completed over every project on the list (I6). A project completed is counted once,
    as completed; a project whose start is dated after the evaluation date has not started.

    @PORT-STARTED @PORT-NOT-STARTED
    Example: the speech's figures: 66 of 116 started or completed is a rate of 0.5690
      Given 116 listed projects, 66 of them started on 2012-05-15
      When the list is tracked as of 2012-08-31 against a target of 0.70
      Then the rate is 0.5690, 66 of 116 started or completed
      And listed project "L001" is "started"
      And listed project "L066" is "started"
      And listed project "L067" is "not_started"

    @PORT-COMPLETED @PORT-STARTED @PORT-NOT-STARTED
    Example: a project completed, one started and one not started: two of three count
      Given a listed project "K1" planned to start on 2012-03-01
      And the listed project started on 2012-03-10
      And the listed project was completed on 2012-08-20
      And a listed project "K2" planned to start on 2012-04-01
      And the listed project started on 2012-04-15
      And a listed project "K3" planned to start on 2012-06-01
      When the list is tracked as of 2012-08-31 against a target of 0.70
      Then listed project "K1" is "completed"
      And listed project "K2" is "started"
      And listed project "K3" is "not_started"
      And the rate is 0.6667, 2 of 3 started or completed

    @PORT-COMPLETED @PORT-STARTED
    Scenario Outline: a completion dated after the evaluation date has not happened yet
      Given a listed project "K4" planned to start on 2012-03-01
      And the listed project started on 2012-03-10
      And the listed project was completed on 2012-09-20
      When the list is tracked as of <as_of> against a target of 0.70
      Then listed project "K4" is "<status>"
      And the rate is 1.0000, 1 of 1 started or completed

      Examples:
        | as_of      | status    |
        | 2012-09-19 | started   |
        | 2012-09-20 | completed |

    @PORT-STARTED @PORT-NOT-STARTED
    Scenario Outline: a start dated after the evaluation date does not count
      Given a listed project "K5" planned to start on 2012-08-01
      And the listed project started on 2012-09-05
      And a listed project "K6" planned to start on 2012-05-01
      And the listed project started on 2012-05-20
      When the list is tracked as of <as_of> against a target of 0.70
      Then listed project "K5" is "<status>"
      And the rate is <rate>, <started> of 2 started or completed

      Examples: the day before the start, and the day of it
        | as_of      | status      | rate   | started |
        | 2012-09-04 | not_started | 0.5000 | 1       |
        | 2012-09-05 | started     | 1.0000 | 2       |

  Rule: §2.1, I6 — the number needed to reach 70% is the smallest whole number that reaches it: 82 of 116, not 81

    区委书记讲话（2012）二、1 (District speech 2012, §2.1):
    “按照年底必须达到70%的要求(即达到81个),还需要推动开工、竣工项目15个。”
    Gloss: by the year's end the rate must reach 70%. 70% of 116 is 81.2 projects. The
    speech rounds that down to 81, and 15 more, but 81 of 116 is a rate of 69.8%, short of
    70%. The smallest whole number that reaches 70% is 82: 16 more than the 66 started (I6).
    A target the list already reaches needs none more.

    @PORT-STARTED @PORT-NOT-STARTED
    Example: 70% of 116 needs 82 projects, 16 more than the 66 started (the speech said 81, and 15)
      Given 116 listed projects, 66 of them started on 2012-05-15
      When the list is tracked as of 2012-08-31 against a target of 0.70
      Then the rate is 0.5690, 66 of 116 started or completed
      And 82 are needed to reach the target, 16 more

    @PORT-STARTED @PORT-NOT-STARTED
    Scenario Outline: 81 of 116 is 69.8%, short of 70%; 82 reaches it
      Given 116 listed projects, <started> of them started on 2012-05-15
      When the list is tracked as of 2012-12-31 against a target of 0.70
      Then the rate is <rate>, <started> of 116 started or completed
      And 82 are needed to reach the target, <more> more

      Examples:
        | started | rate   | more |
        | 81      | 0.6983 | 1    |
        | 82      | 0.7069 | 0    |

    @PORT-STARTED @PORT-NOT-STARTED
    Example: a rate exactly on the target reaches it: 7 of 10 is 70%
      Given 10 listed projects, 7 of them started on 2012-05-15
      When the list is tracked as of 2012-08-31 against a target of 0.70
      Then the rate is 0.7000, 7 of 10 started or completed
      And 7 are needed to reach the target, 0 more

  Rule: §4.5, I6 — next year's target is 90%

    区委书记讲话（2012）四、5 (District speech 2012, §4.5):
    “确保明年全区重大重点项目建设实现开工、竣工率达到90%以上的目标。”
    Gloss: next year the start/completion rate must reach 90% or more (I6). On a list of
    116 projects, 90% is 104.4: 105 projects are needed (104 of 116 is 89.7%).

    @PORT-STARTED @PORT-NOT-STARTED
    Scenario Outline: 90% of 116 needs 105 projects; 104 is 89.7%
      Given 116 listed projects, <started> of them started on 2013-05-15
      When the list is tracked as of 2013-12-31 against a target of 0.90
      Then the rate is <rate>, <started> of 116 started or completed
      And 105 are needed to reach the target, <more> more

      Examples:
        | started | rate   | more |
        | 104     | 0.8966 | 1    |
        | 105     | 0.9052 | 0    |

  Rule: §4.2 — a project required to start by a date and not started by then is supervised

    区委书记讲话（2012）四、2 (District speech 2012, §4.2):
    “2、督导集中开工项目全面开工。6月6日全市共有56个集中开工,其中我区有6个项目。市里要求集中开工项目在8月份必须全面开工建设。区重大项目办和各责任单位要加强督导,确保在月底前全面开工,”
    Gloss: six of the city's projects launched together on 6 June are in the district; the
    city requires them to be fully under construction in August, so each must start by
    2012-08-31. The district major-projects office and the responsible units supervise
    them. A project not started once its required start date has passed is supervised, with
    the days overdue counted from that date; no days of grace (start_grace_days = 0). On
    the required date itself it is not yet overdue. A project that has started, even
    late, is not supervised; a start dated after the evaluation date has not happened yet.

    @PORT-REQUIRED-START @PORT-NOT-STARTED
    Scenario Outline: a collective-start project must start by 2012-08-31
      Given a listed project "J6" planned to start on 2012-06-06
      And the listed project must start by 2012-08-31
      When the list is tracked as of <as_of> against a target of 0.70
      Then listed project "J6" is "not_started"
      And listed project "J6" is supervised, <days> days overdue

      Examples: the day after the deadline, and ten days after
        | as_of      | days |
        | 2012-09-01 | 1    |
        | 2012-09-10 | 10   |

    @PORT-NOT-STARTED
    Example: on the required start date itself the project is not yet overdue
      Given a listed project "J6" planned to start on 2012-06-06
      And the listed project must start by 2012-08-31
      When the list is tracked as of 2012-08-31 against a target of 0.70
      Then listed project "J6" is "not_started"
      And listed project "J6" is not supervised

    @PORT-REQUIRED-START @PORT-NOT-STARTED
    Example: a late start dated after the evaluation date has not happened: the project is still supervised
      Given a listed project "J7" planned to start on 2012-06-06
      And the listed project must start by 2012-08-31
      And the listed project started on 2012-09-05
      When the list is tracked as of 2012-09-03 against a target of 0.70
      Then listed project "J7" is "not_started"
      And listed project "J7" is supervised, 3 days overdue

    @PORT-STARTED
    Example: a project that started late is not supervised once it has started
      Given a listed project "J7" planned to start on 2012-06-06
      And the listed project must start by 2012-08-31
      And the listed project started on 2012-09-05
      When the list is tracked as of 2012-09-10 against a target of 0.70
      Then listed project "J7" is "started"
      And listed project "J7" is not supervised
