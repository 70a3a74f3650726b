# 中文标题：全镇900余亩生产用地：年内土地利用率达到50%以上
# 中文说明：引擎读取全镇生产用地台账（每块地一行）：面积（亩）、责任单位（区财政局、规划分局或镇）、落地项目及落地日期、已投入利用的面积及日期。按评估日期判定每块地已利用、部分利用或未利用，未全部利用的由责任单位在12月31日前落实项目或投入利用；并给出全部土地的利用率、达到目标所需面积及各责任单位的未完成事项。
Feature: The town's 900-odd mu of production land: a land-utilisation rate of 50% or more within the year

  The engine reads the town's register of production land, one row per plot, as the
  responsible units keep it: the plot's area in mu, the unit responsible for it (区财政局,
  规划分局 or 镇), the project placed on it and the date it was placed, and the area
  brought into use and the date it was brought into use. For an evaluation date ("as of")
  it decides:
  - for each plot, whether it is in use, partly in use or not in use;
  - for each plot not wholly in use, what its responsible unit must do by 31 December:
  place a project on it, or bring the land of the project placed on it into use;
  - the land-utilisation rate of the whole register, the area the target needs, how much
  more must be brought into use, and what is outstanding for each responsible unit.

  Facts are taken as they stood on the evaluation date: a project placed, or land brought
  into use, on a date after it has not happened yet.

  The interpretations followed are those stated in rules/landuse.yaml (U1-U5):
  - the rate is the area in use divided by the total area of the register, computed
  exactly; it is shown to four places, rounded down, so that it never shows reaching a
  target it misses (U1);
  - "达到50%以上" includes 50% itself (民法典 Art. 1259: “民法所称的‘以上’……包括本数”):
  the target is reached when the area in use is at least half the total area (U1);
  - "年内" is the evaluation date's calendar year: everything asked of a unit is due on 31
  December of that year, a fixed date, so nothing is counted and a 31 December on a rest
  day is not moved; the days left are the days after the evaluation date up to and
  including 31 December (U2);
  - land is "brought into use" when construction of the project placed on it has started,
  or the land has been handed over to the project for production; the register gives the
  area so used and the date (U3);
  - a project is "placed" (项目落地) on the date its investment agreement was signed or the
  land was supplied to it (U4);
  - the target is the three units' jointly: no share of the area still needed is allotted
  to any one of them (U5).

  Areas are in mu, with at most four decimals. The quotations of the speech below are
  converted from the seed's Traditional characters to Simplified Chinese (decisions.md IO2)
  and the pinyin marks scattered in the seed text are removed; nothing else is changed,
  punctuation included.

  Rule: §2.6 — a plot is in use, partly in use or not in use on the evaluation date

    区委书记讲话（2012）二、6 (District speech 2012, §2.6):
    “6、镇900多亩生产用地要抓好项目落地。”
    Gloss: the town's 900-odd mu of production land must get projects placed on it and
    put to use. A plot is in use when its whole area is in use, partly in use when some of
    it is, and not in use when none of it is. Land is in use from the date construction
    of the project placed on it started, or the land was handed over to the project for
    production (U3); land brought into use after the evaluation date is not in use yet.

    @LU-IN-USE @LU-PARTLY-IN-USE @LU-NOT-IN-USE
    Example: a plot wholly in use, one partly in use and one not in use
      Given a plot "P1" of 200.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2011-10-12
      And 200.00 mu of the plot were brought into use on 2012-02-28
      And a plot "P2" of 100.00 mu for which 区财政局 is responsible
      And a project was placed on the plot on 2012-02-14
      And 35.50 mu of the plot were brought into use on 2012-07-02
      And a plot "P3" of 150.00 mu for which 规划分局 is responsible
      When the register is evaluated as of 2012-08-31
      Then plot "P1" is "in_use", 200.00 mu in use
      And plot "P2" is "partly_in_use", 35.50 mu in use
      And plot "P3" is "not_in_use", 0.00 mu in use

    @LU-IN-USE @LU-PARTLY-IN-USE @LU-NOT-IN-USE
    Scenario Outline: land brought into use after the evaluation date is not in use yet
      Given a plot "P4" of 80.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2012-03-01
      And <used> mu of the plot were brought into use on 2012-09-15
      When the register is evaluated as of <as_of>
      Then plot "P4" is "<status>", <in_use> mu in use

      Examples: the day before the land was brought into use, and the day of it
        | used  | as_of      | status        | in_use |
        | 80.00 | 2012-09-14 | not_in_use    | 0.00   |
        | 80.00 | 2012-09-15 | in_use        | 80.00  |
        | 30.00 | 2012-09-14 | not_in_use    | 0.00   |
        | 30.00 | 2012-09-15 | partly_in_use | 30.00  |

    @LU-IN-USE @LU-PARTLY-IN-USE
    Scenario Outline: a plot is wholly in use only when its whole area is, to the last 0.0001 mu
      Given a plot "P5" of 64.3025 mu for which 镇 is responsible
      And a project was placed on the plot on 2012-03-01
      And <used> mu of the plot were brought into use on 2012-05-01
      When the register is evaluated as of 2012-08-31
      Then plot "P5" is "<status>", <used> mu in use

      Examples:
        | used    | status        |
        | 64.3025 | in_use        |
        | 64.3024 | partly_in_use |

  Rule: §2.6 — the land-utilisation rate must reach 50% or more within the year; 50% itself reaches it

    区委书记讲话（2012）二、6 (District speech 2012, §2.6):
    “区财政局、规划分局与镇要以实现年内土地利用率达到50%以上的目标,”
    Gloss: the district finance bureau, the planning sub-bureau and the town are to reach,
    within the year, a land-utilisation rate of 50% or more. The rate is the area in use
    over the total area of the register, counted exactly: a plot partly in use counts with
    its area in use (U1). "以上" includes the number itself (民法典 Art. 1259), so a rate of
    exactly 50% reaches the target. The area the target needs is the target times the
    total area, exactly; the area still needed is what the area in use falls short of it.
    The target is a district parameter (target_rate, 0.50), which a run may set
    (--target).

    @LU-IN-USE @LU-PARTLY-IN-USE @LU-NOT-IN-USE
    Example: a plot partly in use counts with its area in use: 235.50 of 450.00 mu
      Given a plot "P1" of 200.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2011-10-12
      And 200.00 mu of the plot were brought into use on 2012-02-28
      And a plot "P2" of 100.00 mu for which 区财政局 is responsible
      And a project was placed on the plot on 2012-02-14
      And 35.50 mu of the plot were brought into use on 2012-07-02
      And a plot "P3" of 150.00 mu for which 规划分局 is responsible
      When the register is evaluated as of 2012-08-31
      Then 235.50 of 450.00 mu are in use, a land-utilisation rate of 0.5233
      And the target of 0.5000 needs 225.00 mu in use: 0.00 mu more, reached

    @LU-PARTLY-IN-USE @LU-NOT-IN-USE
    Scenario Outline: exactly 50% reaches the target; 0.01 mu less does not
      Given a plot "P1" of 600.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2012-03-01
      And <in_use> mu of the plot were brought into use on 2012-06-01
      And a plot "P2" of 400.00 mu for which 规划分局 is responsible
      When the register is evaluated as of 2012-08-31
      Then <in_use> of 1000.00 mu are in use, a land-utilisation rate of <rate>
      And the target of 0.5000 needs 500.00 mu in use: <needed> mu more, <reached>

      Examples:
        | in_use | rate   | needed | reached     |
        | 499.99 | 0.4999 | 0.01   | not reached |
        | 500.00 | 0.5000 | 0.00   | reached     |
        | 500.01 | 0.5000 | 0.00   | reached     |

    @LU-PARTLY-IN-USE @LU-NOT-IN-USE
    Example: just under half of 925.35 mu is shown 0.4999, never 0.5000: 0.005 mu more are needed
      462.67 ÷ 925.35 = 0.49999459...; rounded half-up it would read 0.5000, a target it
      misses. Half of 925.35 mu is 462.675 mu, exactly.

      Given a plot "P1" of 500.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2012-03-01
      And 462.67 mu of the plot were brought into use on 2012-06-01
      And a plot "P2" of 425.35 mu for which 区财政局 is responsible
      When the register is evaluated as of 2012-08-31
      Then 462.67 of 925.35 mu are in use, a land-utilisation rate of 0.4999
      And the target of 0.5000 needs 462.675 mu in use: 0.005 mu more, not reached

    @LU-PARTLY-IN-USE @LU-NOT-IN-USE
    Example: a district that sets its own target for a run: 60% of 1000 mu needs 600 mu
      Given a plot "P1" of 600.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2012-03-01
      And 500.00 mu of the plot were brought into use on 2012-06-01
      And a plot "P2" of 400.00 mu for which 规划分局 is responsible
      When the register is evaluated against a target of 0.60 as of 2012-08-31
      Then the target of 0.6000 needs 600.00 mu in use: 100.00 mu more, not reached

    @LU-IN-USE @LU-PARTLY-IN-USE @LU-NOT-IN-USE @LU-PLACE-PROJECT @LU-BRING-INTO-USE
    Example: the district's register of 2012: 403.00 of 926.40 mu in use, 60.20 mu short of half
      The register examples/district-2012/landuse.csv, as the units keep it, with Chinese
      column headers and unit names.

      Given the district's production-land register of 2012
      When the register is evaluated as of 2012-08-31
      Then 403.00 of 926.40 mu are in use, a land-utilisation rate of 0.4350
      And the target of 0.5000 needs 463.20 mu in use: 60.20 mu more, not reached
      And plot "SC-07" is "not_in_use", 0.00 mu in use
      And plot "SC-11" must PLACE_PROJECT by 2012-12-31, 122 days left

  Rule: §2.6 — a plot without a project must have one placed, and be in use, by 31 December

    区委书记讲话（2012）二、6 (District speech 2012, §2.6):
    “6、镇900多亩生产用地要抓好项目落地。区财政局、规划分局与镇要以实现年内土地利用率达到50%以上的目标,认真做好用地规划,切实制定成熟、可行的工作方案,”
    Gloss: projects must be placed on the land, and the units must plan its use carefully
    and draw up a mature, workable plan of work, so that the target is reached within the
    year. For a plot not wholly in use on which no project is placed, its responsible unit
    must plan its use and place a project on it (U4), so that the plot is in use by 31
    December of the evaluation date's year (U2): PLACE_PROJECT, due on 31 December, with
    the days left. A project placed after the evaluation date is not placed yet. This is
    asked whether or not the rate already reaches the target: the speech asks for
    projects on the whole 900-odd mu and the most from it, 50% being the least (U4).

    @LU-PLACE-PROJECT @LU-NOT-IN-USE
    Scenario Outline: due on 31 December of the evaluation date's year, with the days left up to it
      Given a plot "P1" of 48.75 mu for which 镇 is responsible
      When the register is evaluated as of <as_of>
      Then plot "P1" is "not_in_use", 0.00 mu in use
      And plot "P1" must PLACE_PROJECT by <due>, <days> days left

      Examples: the year's first day, the speech's time, the year's last two days, and the next year
        | as_of      | due        | days |
        | 2012-01-01 | 2012-12-31 | 365  |
        | 2012-08-31 | 2012-12-31 | 122  |
        | 2012-12-30 | 2012-12-31 | 1    |
        | 2012-12-31 | 2012-12-31 | 0    |
        | 2013-03-01 | 2013-12-31 | 305  |

    @LU-PLACE-PROJECT @LU-BRING-INTO-USE
    Scenario Outline: a project placed after the evaluation date is not placed yet
      Given a plot "P2" of 52.40 mu for which 规划分局 is responsible
      And a project was placed on the plot on 2012-09-20
      When the register is evaluated as of <as_of>
      Then plot "P2" must <action> by 2012-12-31, <days> days left

      Examples: the day before the project was placed, and the day of it
        | as_of      | action         | days |
        | 2012-09-19 | PLACE_PROJECT  | 103  |
        | 2012-09-20 | BRING_INTO_USE | 102  |

    @LU-PLACE-PROJECT @LU-IN-USE @LU-NOT-IN-USE
    Example: with the target already reached, a plot not in use must still have a project placed by 31 December
      Given a plot "P1" of 600.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2011-09-20
      And 600.00 mu of the plot were brought into use on 2012-03-18
      And a plot "P2" of 400.00 mu for which 规划分局 is responsible
      When the register is evaluated as of 2012-08-31
      Then the target of 0.5000 needs 500.00 mu in use: 0.00 mu more, reached
      And plot "P2" must PLACE_PROJECT by 2012-12-31, 122 days left

    @LU-IN-USE @LU-PLACE-PROJECT @LU-BRING-INTO-USE
    Example: a plot wholly in use asks nothing of its unit
      Given a plot "P3" of 72.00 mu for which 区财政局 is responsible
      And a project was placed on the plot on 2011-12-26
      And 72.00 mu of the plot were brought into use on 2012-04-20
      When the register is evaluated as of 2012-08-31
      Then plot "P3" is "in_use", 72.00 mu in use
      And plot "P3" asks nothing of its unit

    Example: an evaluation date before 2012 is refused: the speech's measures are not in force
      Given a plot "P1" of 48.75 mu for which 镇 is responsible
      When the register is evaluated as of 2011-12-31
      Then the evaluation of the register is refused: no rule is in force on 2011-12-31

  Rule: §2.6 — a plot whose project is placed but whose land is not wholly in use must be in use by 31 December

    区委书记讲话（2012）二、6 (District speech 2012, §2.6):
    “切实制定成熟、可行的工作方案,最大限度地发挥900多亩生产用地的财税贡献率。”
    Gloss: the plan of work must be workable, so that the 900-odd mu contribute as much as
    possible to the district's revenue. Where a project is placed but its land, or part of
    it, is not yet in use, the responsible unit must see that construction starts or the
    land is handed over for production by 31 December: BRING_INTO_USE, due on 31 December,
    with the days left, dated by the day the project was placed. The speech gives no figure
    for the fiscal contribution: it is not encoded (U5).

    @LU-BRING-INTO-USE @LU-PARTLY-IN-USE @LU-NOT-IN-USE
    Scenario Outline: a project placed, its land not in use or partly in use
      Given a plot "P1" of 85.50 mu for which 镇 is responsible
      And a project was placed on the plot on 2011-11-08
      And <used> mu of the plot were brought into use on <in_use_on>
      When the register is evaluated as of 2012-08-31
      Then plot "P1" is "<status>", <in_use> mu in use
      And plot "P1" must BRING_INTO_USE by 2012-12-31, 122 days left

      Examples:
        | used  | in_use_on  | status        | in_use |
        | 60.00 | 2012-05-10 | partly_in_use | 60.00  |
        | 85.50 | 2012-09-15 | not_in_use    | 0.00   |

  Rule: §2.6 — what is outstanding for each responsible unit

    区委书记讲话（2012）二、6 (District speech 2012, §2.6):
    “区财政局、规划分局与镇要以实现年内土地利用率达到50%以上的目标,”
    Gloss: the three units are responsible together for the target (U5). For each of them
    the summary gives its plots, those not wholly in use, the area not yet in use and the
    actions that fall to it; the area still needed to reach the target is not divided
    among them.

    @LU-IN-USE @LU-PARTLY-IN-USE @LU-NOT-IN-USE @LU-PLACE-PROJECT @LU-BRING-INTO-USE
    Example: the district's register of 2012, unit by unit
      Given the district's production-land register of 2012
      When the register is evaluated as of 2012-08-31
      Then for 区财政局, 3 of 4 plots are not wholly in use, 105.05 of 207.05 mu not in use
      And for 区财政局 the actions are BRING_INTO_USE 2, PLACE_PROJECT 1
      And for 规划分局, 4 of 5 plots are not wholly in use, 199.10 of 320.10 mu not in use
      And for 规划分局 the actions are BRING_INTO_USE 1, PLACE_PROJECT 3
      And for 镇, 5 of 6 plots are not wholly in use, 219.25 of 399.25 mu not in use
      And for 镇 the actions are BRING_INTO_USE 3, PLACE_PROJECT 2

    @LU-IN-USE
    Example: a unit with every plot in use has nothing outstanding; a unit with no plot is listed with none
      Given a plot "P1" of 120.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2011-09-20
      And 120.00 mu of the plot were brought into use on 2012-03-18
      When the register is evaluated as of 2012-08-31
      Then for 镇, 0 of 1 plots are not wholly in use, 0.00 of 120.00 mu not in use
      And for 镇 the actions are none
      And for 区财政局, 0 of 0 plots are not wholly in use, 0.00 of 0.00 mu not in use

  Rule: a register the engine cannot read is refused, never guessed

    Not a measure of the speech: decisions.md IO1 and L15. A row that fails validation is
    reported with its row, column and value and what was expected; nothing is decided and
    nothing is written, and the command ends with exit status 2. Facts that contradict each
    other are refused, not judged: more land in use than the plot holds, land in use with
    no project placed on it or before the project was placed (U3).

    Scenario Outline: a bad cell is refused, naming its row, column and value
      Given a plot "P1" of 120.00 mu for which 镇 is responsible
      And the plot's "<column>" is "<value>"
      When the register is evaluated as of 2012-08-31
      Then the register is refused at row 2, column "<column>", value "<value>"

      Examples:
        | column    | value    |
        | area_mu   | -12.5    |
        | area_mu   | 0        |
        | area_mu   | 12.34567 |
        | unit      | 城建局   |
        | in_use_mu | -3       |

    Example: more land in use than the plot holds is refused at the second row
      Given a plot "P1" of 64.30 mu for which 镇 is responsible
      And a plot "P2" of 120.00 mu for which 区财政局 is responsible
      And a project was placed on the plot on 2012-03-01
      And 130.00 mu of the plot were brought into use on 2012-05-01
      When the register is evaluated as of 2012-08-31
      Then the register is refused at row 3, column "in_use_mu", value "130.00"

    Example: land in use with no project placed on it is refused
      Given a plot "P1" of 120.00 mu for which 镇 is responsible
      And 30.00 mu of the plot were brought into use on 2012-05-01
      When the register is evaluated as of 2012-08-31
      Then the register is refused at row 2, column "project", value ""

    Example: land in use before its project was placed is refused
      Given a plot "P1" of 120.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2012-06-01
      And 30.00 mu of the plot were brought into use on 2012-05-01
      When the register is evaluated as of 2012-08-31
      Then the register is refused at row 2, column "in_use_on", value "2012-05-01"

    Scenario Outline: the register's refusal is written in the output language; columns and values stay as written
      Given a plot "P1" of 120.00 mu for which 镇 is responsible
      And a project was placed on the plot on 2012-03-01
      And 130.00 mu of the plot were brought into use on 2012-05-01
      When the register is evaluated in <lang> as of 2012-08-31
      Then the register's refusal reads "<problem>"

      Examples:
        | lang    | problem                                                                                              |
        | English | row 2, column 'in_use_mu': got '130.00', expected an area in use no larger than the plot's area_mu (120.00 mu) |
        | Chinese | 第 2 行，列 'in_use_mu'：值 '130.00'，应为不大于地块面积 area_mu（120.00 亩）的已利用面积                       |

  Rule: comply explain — why a plot has its standing, and why its unit must act

    Not a measure of the speech: `comply explain landuse FILE PLOT` lists every rule of the
    register's rulebook with its verdict and, condition by condition, the fact read and
    whether it held, in English or Chinese; it walks the same conditions the engine runs.

    @LU-PARTLY-IN-USE @LU-BRING-INTO-USE @LU-PLACE-PROJECT @LU-IN-USE
    Scenario Outline: a plot partly in use, its project placed: bring the rest into use, no project to place
      Given a plot "P1" of 85.50 mu for which 镇 is responsible
      And a project was placed on the plot on 2011-11-08
      And 60.00 mu of the plot were brought into use on 2012-05-10
      When comply explains plot "P1" of the register in <lang> as of 2012-08-31
      Then the explanation is headed "<heading>"
      And the explanation of LU-PARTLY-IN-USE reads "<fired>"
      And the explanation of LU-BRING-INTO-USE reads "<fired>"
      And the explanation of LU-PLACE-PROJECT reads "<not>"
      And the explanation of LU-PLACE-PROJECT shows ✗ "<placed>"
      And the explanation of LU-IN-USE shows ✗ "<not_whole>"

      Examples:
        | lang    | heading                                | fired | not            | placed                                                | not_whole                                              |
        | English | P1 as of 2012-08-31: partly in use     | fired | does not apply | a project placed on the plot by the evaluation date: yes = no | the plot's whole area in use by the evaluation date: no = yes |
        | Chinese | P1，评估日期 2012-08-31：部分利用       | 适用  | 不适用         | 截至评估日期已有项目落地：是 = 否                        | 截至评估日期地块已全部利用：否 = 是                       |

    @LU-NOT-IN-USE @LU-PARTLY-IN-USE @LU-BRING-INTO-USE
    Scenario Outline: land brought into use after the evaluation date: not in use yet, to be brought into use
      Given a plot "P7" of 38.60 mu for which 区财政局 is responsible
      And a project was placed on the plot on 2012-06-05
      And 38.60 mu of the plot were brought into use on 2012-09-15
      When comply explains plot "P7" of the register in <lang> as of 2012-08-31
      Then the explanation is headed "<heading>"
      And the explanation of LU-NOT-IN-USE reads "<fired>"
      And the explanation of LU-NOT-IN-USE shows ✓ "<none_in_use>"
      And the explanation of LU-PARTLY-IN-USE reads "<not>"
      And the explanation of LU-BRING-INTO-USE reads "<fired>"

      Examples:
        | lang    | heading                             | fired | not            | none_in_use                                                       |
        | English | P7 as of 2012-08-31: not in use     | fired | does not apply | some of the plot's area in use by the evaluation date: no = no    |
        | Chinese | P7，评估日期 2012-08-31：未利用      | 适用  | 不适用         | 截至评估日期地块已部分或全部利用：否 = 否                          |
