# 中文标题：闲置土地处置（国土资源部令第53号，《闲置土地处置办法》）
# 中文说明：引擎按土地管理部门登记的台账逐宗读取地块，并按评估日期判定：地块状态（未到动工期限、逾期未动工、闲置、中止开发、闲置后动工或合规）；当前应办事项（督促开工、调查、认定、公开、审核原因、备案、告知听证权利、上报处置意见）；以及与之分列的预期处置（征缴土地闲置费、无偿收回或协商处置），并写明由谁批准、由谁作出决定。
Feature: Disposal of idle land (Order 53 of 2012, 闲置土地处置办法)

  The engine reads one row per land parcel, as a land bureau keeps them, and decides for
  each parcel, as of an evaluation date ("as of"):
  - its status: not yet due, overdue, idle, stalled, started after becoming idle, or
  compliant;
  - the steps due now, each with the rule that asks for it and its citation: urge a start,
  investigate, determine, publish, verify a claimed cause, file, give the hearing right,
  report the disposal opinion, and whom to tell;
  - the disposal in prospect — the fee, the reclaim or the negotiation the case is going
  to — apart from the steps due now: a disposal becomes a step due now only once the
  procedure reaches the decision (decisions.md L10). The output marks it "prospect"; the
  summary counts fees in prospect apart from fees decided.

  Facts are taken as they stood on the evaluation date. Anything dated after it (a start,
  a halt, a supplementary agreement, an investigation notice, a determination, a
  publication, a hearing notice, a levied fee) has not happened yet.

  Years are counted as the civil code counts them (decisions.md L1; 民法典 Arts. 201-202):
  “按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。”
  “按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。”
  The start date itself is not counted, and a period of N years ends at the end of the
  same calendar date N years later, or on the last day of February where that date does
  not exist. So a parcel whose start date is D is overdue from the day after D, idle from
  the day after the first anniversary of D, and two full years unstarted from the day after
  the second anniversary. It is calendar arithmetic, never "365 days".

  Order 53 is in force from 2012-07-01 (Art. 32). An evaluation date before that is
  refused: the rules in force earlier are not encoded. The interpretation followed is
  decisions.md L1-L15. Money is in yuan, rounded half-up to the fen.

  Rule: Art. 2 ¶1 — land not started a full year after its start date is idle

    《闲置土地处置办法》第二条第一款 (Order 53 Art. 2 ¶1):
    “本办法所称闲置土地，是指国有建设用地使用权人超过国有建设用地使用权有偿使用合同或者划拨决定书约定、规定的动工开发日期满一年未动工开发的国有建设用地。”
    Gloss: state construction land not started when a full year has passed after the
    agreed or prescribed start date is idle. Before that it is only overdue: no sanction
    applies, the holder is urged to start and told the day it becomes idle (L4).

    @IL-ART2-NOT-YET-DUE
    Example: on its start date a parcel is not yet due and nothing is asked of anyone
      Given a parcel agreed to start on 2012-09-15
      When it is evaluated as of 2012-09-15
      Then its status is "not_yet_due"
      And it has no actions

    @IL-ART2-OVERDUE
    Example: the day after its start date the holder is urged to start and told when the land becomes idle
      Given a parcel agreed to start on 2012-09-15
      When it is evaluated as of 2012-09-16
      Then its status is "overdue"
      And the steps now are URGE_START
      And it becomes idle on 2013-09-16 with 365 days left

    @IL-ART2-OVERDUE @IL-ART2-IDLE
    Scenario Outline: the first anniversary of the start date is still overdue, the day after is idle
      The year is counted by the calendar, not as 365 days: from 2015-03-01, 365 days end on
      2016-02-29 (a leap year), but the full year ends on 2016-03-01.

      Given a parcel agreed to start on <start>
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: on the first anniversary (the full year ends at the end of this day)
        | start      | as_of      | status  |
        | 2011-07-31 | 2012-07-31 | overdue |
        | 2012-02-29 | 2013-02-28 | overdue |
        | 2015-03-01 | 2016-03-01 | overdue |

      Examples: the day after the first anniversary
        | start      | as_of      | status |
        | 2011-07-31 | 2012-08-01 | idle   |
        | 2012-02-29 | 2013-03-01 | idle   |
        | 2015-03-01 | 2016-03-02 | idle   |

    @IL-ART2-OVERDUE
    Example: a start date of 29 February: the year ends on 28 February and the land is idle from 1 March
      Given a parcel agreed to start on 2012-02-29
      When it is evaluated as of 2013-02-28
      Then its status is "overdue"
      And it becomes idle on 2013-03-01 with 1 day left

    @IL-ART2-IDLE @IL-ART2-STARTED-AFTER-IDLE
    Scenario Outline: a start dated after the evaluation date has not happened yet
      The parcel was idle from 2012-03-16; its start on 2012-09-10 ends the idleness, not
      the liability that arose with it (L13, below).

      Given a parcel agreed to start on 2011-03-15
      And it started on 2012-09-10
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: before the start
        | as_of      | status |
        | 2012-09-09 | idle   |

      Examples: on the day of the start
        | as_of      | status             |
        | 2012-09-10 | started_after_idle |

  Rule: Art. 2 ¶2 — started land, under a third developed or under 25% invested, halted a full year, may be found idle

    《闲置土地处置办法》第二条第二款 (Order 53 Art. 2 ¶2), with the definitions of Art. 30:
    “已动工开发但开发建设用地面积占应动工开发建设用地总面积不足三分之一或者已投资额占总投资额不足百分之二十五，中止开发建设满一年的国有建设用地，也可以认定为闲置土地。”
    “本办法中下列用语的含义：”
    “动工开发：依法取得施工许可证后，需挖深基坑的项目，基坑开挖完毕；使用桩基的项目，打入所有基础桩；其他项目，地基施工完成三分之一。”
    “已投资额、总投资额：均不含国有建设用地使用权出让价款、划拨价款和向国家缴纳的相关税费。”
    Gloss: land already started is also idle (status "stalled") if less than one third of
    the area was developed or less than 25% of the investment made, and development has been
    halted for a full year. "不足" is strict: exactly one third or exactly 25% is not under
    (L5). The halt year is counted as in L1 from the halt date. Whether a parcel has started
    (Art. 30) is given by the input; the engine does not judge building works (L3). A share
    is given as typed (0.25, 25%, 1/3) or as the two amounts it comes from, which make
    exactly one third exact (L15, below).

    @IL-ART2-COMPLIANT
    Example: a started parcel that has not halted is compliant and nothing is asked
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      When it is evaluated as of 2013-04-01
      Then its status is "compliant"
      And it has no actions

    @IL-ART2-COMPLIANT @IL-ART2-STALLED
    Scenario Outline: "under one third" and "under 25%" are strict
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with <developed> of the area developed and <invested> of the investment made
      When it is evaluated as of 2013-04-01
      Then its status is "<status>"

      Examples: exactly at a threshold is not under it
        | developed | invested | status    |
        | 1/3       | 0.5      | compliant |
        | 0.5       | 0.25     | compliant |

      Examples: under either threshold
        | developed | invested | status  |
        | 0.3332    | 0.5      | stalled |
        | 0.5       | 0.2499   | stalled |

    @IL-ART2-COMPLIANT @IL-ART2-STALLED
    Scenario Outline: halted a full year: the anniversary of the halt is not yet enough
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with 0.2 of the area developed and 0.1 of the investment made
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: on the anniversary of the halt
        | as_of      | status    |
        | 2013-03-15 | compliant |

      Examples: the day after
        | as_of      | status  |
        | 2013-03-16 | stalled |

  Rule: Art. 22 ¶2 — with no agreed start date, the start date is one year after delivery

    《闲置土地处置办法》第二十二条第二款 (Order 53 Art. 22 ¶2):
    “因特殊情况，未约定、规定动工开发日期，或者约定、规定不明确的，以实际交付土地之日起一年为动工开发日期。实际交付土地日期以交地确认书确定的时间为准。”
    Gloss: where the contract or allocation decision set no start date, or an unclear one,
    the start date is one year from the actual delivery of the land, as the land-delivery
    confirmation dates it (L2). That year is counted as in L1 (it ends on the anniversary of
    delivery, or on 28 February for a delivery on 29 February); the idle year then runs from
    that start date as usual.

    @IL-ART2-NOT-YET-DUE @IL-ART2-OVERDUE @IL-ART2-IDLE
    Scenario Outline: the start date is the first anniversary of delivery
      Given a parcel delivered on <delivered> with no agreed start date
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: up to the start date
        | delivered  | as_of      | status      |
        | 2011-08-20 | 2012-08-20 | not_yet_due |

      Examples: after the start date, up to its first anniversary
        | delivered  | as_of      | status  |
        | 2011-08-20 | 2012-08-21 | overdue |
        | 2011-08-20 | 2013-08-20 | overdue |
        | 2012-02-29 | 2014-02-28 | overdue |

      Examples: the day after the first anniversary of the start date
        | delivered  | as_of      | status |
        | 2011-08-20 | 2013-08-21 | idle   |
        | 2012-02-29 | 2014-03-01 | idle   |

    @IL-ART2-OVERDUE
    Example: land delivered without a start date is urged to start a year and a day after delivery
      Given a parcel delivered on 2011-08-20 with no agreed start date
      When it is evaluated as of 2012-08-21
      Then the steps now are URGE_START
      And it becomes idle on 2013-08-21 with 365 days left

  Rule: Art. 12 ¶2 — after a supplementary agreement the start date is counted afresh

    《闲置土地处置办法》第十二条第一款第（一）项、第二款 (Order 53 Art. 12(1) and ¶2):
    “（一）延长动工开发期限。签订补充协议，重新约定动工开发、竣工期限和违约责任。从补充协议约定的动工开发日期起，延长动工开发期限最长不得超过一年；”
    “除前款第四项规定外，动工开发时间按照新约定、规定的时间重新起算。”
    Gloss: where an Art. 12(1) supplementary agreement set a new start date, the clock
    restarts from it (L2): the parcel is judged from the new date as from any start date,
    whatever the original date was. An agreement signed after the evaluation date has not
    been made yet: until it is signed, the original start date counts.

    @IL-ART2-NOT-YET-DUE @IL-ART2-OVERDUE @IL-ART2-IDLE
    Scenario Outline: the clock restarts from the new start date
      Given a parcel agreed to start on 2011-09-01
      And a supplementary agreement signed on 2012-06-01 moved its start date to 2012-12-01
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: up to the new start date (the original date is over a year past)
        | as_of      | status      |
        | 2012-11-30 | not_yet_due |
        | 2012-12-01 | not_yet_due |

      Examples: after the new start date, up to its first anniversary
        | as_of      | status  |
        | 2012-12-02 | overdue |
        | 2013-12-01 | overdue |

      Examples: the day after the first anniversary of the new start date
        | as_of      | status |
        | 2013-12-02 | idle   |

    @IL-ART2-OVERDUE
    Example: two years after the original date, a parcel with a new start date is only overdue
      Given a parcel agreed to start on 2011-09-01
      And a supplementary agreement signed on 2012-06-01 moved its start date to 2012-12-01
      When it is evaluated as of 2013-09-02
      Then the steps now are URGE_START
      And it becomes idle on 2013-12-02 with 91 days left

    @IL-ART2-IDLE @IL-ART14-2-RECLAIM
    Example: the same parcel without the agreement would be reclaimed on that day
      Given a parcel agreed to start on 2011-09-01
      When it is evaluated as of 2013-09-02
      Then its status is "idle"
      And the actions include RECLAIM_LAND

    @IL-ART2-IDLE @IL-ART2-NOT-YET-DUE
    Scenario Outline: an agreement signed after the evaluation date does not count yet
      Given a parcel agreed to start on 2011-09-01
      And a supplementary agreement signed on 2012-09-20 moved its start date to 2012-12-01
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: the day before the signing: the original start date counts
        | as_of      | status |
        | 2012-09-19 | idle   |

      Examples: the day of the signing
        | as_of      | status      |
        | 2012-09-20 | not_yet_due |

  Rule: Art. 12(1) — a supplementary agreement may set a start date at most one year after it is signed

    《闲置土地处置办法》第十二条第一款第（一）项 (Order 53 Art. 12(1)):
    “（一）延长动工开发期限。签订补充协议，重新约定动工开发、竣工期限和违约责任。从补充协议约定的动工开发日期起，延长动工开发期限最长不得超过一年；”
    Gloss: read as decisions.md L2 reads it, the one-year limit is measured from the day the
    supplementary agreement was signed, not from the start date it replaces: the new start
    date may be at most one year after the signing, counted as in L1 (the anniversary is
    allowed, the day after it is not), and an agreement that gives the holder more is
    flagged for review. A long government delay before the agreement is therefore no breach.
    The parcel is still judged from the new date. The signing date is an input column
    (agreement_signed_on, 补充协议签订日期), needed with every new start date.

    @IL-ART12-1-EXTENSION-LIMIT
    Scenario Outline: a new start date one year after the signing is allowed, a day more is flagged
      Given a parcel agreed to start on 2011-06-15
      And a supplementary agreement signed on 2012-03-01 moved its start date to <new_start>
      When it is evaluated as of 2012-08-31
      Then its status is "not_yet_due"
      And the steps now are <steps>

      Examples: on the anniversary of the signing
        | new_start  | steps |
        | 2013-03-01 | none  |

      Examples: the day after
        | new_start  | steps            |
        | 2013-03-02 | REVIEW_EXTENSION |

    @IL-ART12-1-EXTENSION-LIMIT
    Example: a long government delay before the agreement is no breach of the limit
      The new start date is more than three years after the date it replaces, but within a
      year of the agreement that set it.

      Given a parcel agreed to start on 2010-06-15
      And a supplementary agreement signed on 2012-08-01 moved its start date to 2013-07-31
      When it is evaluated as of 2012-08-31
      Then its status is "not_yet_due"
      And it has no actions

  Rule: Art. 5 — suspected idle land is investigated first, by an investigation notice

    《闲置土地处置办法》第五条 (Order 53 Art. 5):
    “市、县国土资源主管部门发现有涉嫌构成本办法第二条规定的闲置土地的，应当在三十日内开展调查核实，向国有建设用地使用权人发出《闲置土地调查通知书》。”
    “国有建设用地使用权人应当在接到《闲置土地调查通知书》之日起三十日内，按照要求提供土地开发利用情况、闲置原因以及相关说明等材料。”
    Gloss: the department opens an investigation and issues the idle-land investigation
    notice within 30 days of discovering suspected idle land; the holder answers within 30
    days of receipt. Where the input records nothing done, the notice is the one step due
    now; the disposal the law points to is only the case's prospect (L10). The 30 days run
    from discovery, never from the evaluation date (L14): the case's `discovered` event, or
    with none recorded the day the parcel became idle on the register, or 2012-07-01, when
    Order 53 took effect, where that is earlier. The first day is not counted; a last day on
    a statutory holiday or a rest day moves to the next working day (民法典 Art. 203, the
    State Council's holiday calendar with its make-up working days). So the due date can
    pass, and the days overdue show; a notice issued after it is flagged with its days late.

    @IL-ART5-INVESTIGATE
    Scenario Outline: with nothing done yet, the investigation notice is due 30 days after discovery: day 30 is on time, day 31 overdue
      Given a parcel agreed to start on <start>
      When it is evaluated as of <as_of>
      Then its status is "idle"
      And its stage is "to_investigate"
      And the steps now are INVESTIGATE
      And INVESTIGATE is due on <due>
      And INVESTIGATE is <overdue>
      And in prospect is CHARGE_IDLE_FEE

      Examples: idle before Order 53: discovered on 2012-07-01, day 30 is 31 July
        | start      | as_of      | due        | overdue            |
        | 2011-03-15 | 2012-07-31 | 2012-07-31 | not overdue        |
        | 2011-03-15 | 2012-08-01 | 2012-07-31 | overdue by 1 day   |
        | 2011-03-15 | 2012-08-31 | 2012-07-31 | overdue by 31 days |

      Examples: idle from Saturday 15 June 2013: day 30 is Monday 15 July
        | start      | as_of      | due        | overdue            |
        | 2012-06-14 | 2013-07-15 | 2013-07-15 | not overdue        |
        | 2012-06-14 | 2013-07-16 | 2013-07-15 | overdue by 1 day   |

    @IL-ART5-INVESTIGATE
    Scenario Outline: a period ending on 1 October ends after the National Day holiday
      Discovered on 2012-09-01: day 30 is 1 October 2012, a holiday until 7 October; the
      period ends on Monday 8 October.

      Given a parcel agreed to start on 2011-03-15
      And its case's events are:
        | date       | event      |
        | 2012-09-01 | discovered |
      When it is evaluated as of <as_of>
      Then INVESTIGATE is due on 2012-10-08
      And INVESTIGATE is <overdue>

      Examples:
        | as_of      | overdue          |
        | 2012-10-01 | not overdue      |
        | 2012-10-08 | not overdue      |
        | 2012-10-09 | overdue by 1 day |

    @IL-ART5-INVESTIGATE
    Example: a notice dated after the evaluation date has not been issued yet
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-09-10
      When it is evaluated as of 2012-08-31
      Then INVESTIGATE is due on 2012-07-31
      And the actions do not include DETERMINE_IDLE

    @IL-ART5-LATE-INVESTIGATION @IL-ART9-DETERMINE
    Example: a notice issued after its 30 days is flagged with the days it came late
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-08-10
      When it is evaluated as of 2012-08-31
      Then LATE_INVESTIGATION is dated 2012-08-10
      And LATE_INVESTIGATION is overdue by 10 days
      And its stage is "investigating"
      And the steps now are DETERMINE_IDLE

  Rule: Art. 8(1) — land delivered after its start date: verify the cause before any fee or reclaim

    《闲置土地处置办法》第八条第一款第（一）项、第二十八条 (Order 53 Art. 8(1), Art. 28):
    “（一）因未按照国有建设用地使用权有偿使用合同或者划拨决定书约定、规定的期限、条件将土地交付给国有建设用地使用权人，致使项目不具备动工开发条件的；”
    “市、县国土资源主管部门未按照国有建设用地使用权有偿使用合同或者划拨决定书约定、规定的期限、条件将土地交付给国有建设用地使用权人，致使项目不具备动工开发条件的，应当依法承担违约责任。”
    Gloss: where the register itself shows the land was delivered after the start date,
    the holder's cause (the default of L6) is not established: the delay points to the
    government (Art. 8(1)). The cause is verified first, and no fee or reclaim is proposed,
    not even in prospect, until it is settled.

    @IL-ART8-1-LATE-DELIVERY @IL-ART14-2-RECLAIM
    Example: land delivered three years late is not reclaimed without compensation; the cause is verified
      Given a parcel agreed to start on 2010-01-01
      And its "delivered_on" is "2013-01-01"
      When it is evaluated as of 2012-08-31
      Then its status is "idle"
      And the steps now are INVESTIGATE, VERIFY_CAUSE
      And in prospect is nothing
      And IL-ART14-2-RECLAIM is suppressed by IL-ART8-1-LATE-DELIVERY

    @IL-ART14-1-FEE
    Example: land delivered before its start date leaves the holder's cause in place
      Given a parcel agreed to start on 2011-03-15
      And its "delivered_on" is "2011-03-01"
      When it is evaluated as of 2012-08-31
      Then in prospect is CHARGE_IDLE_FEE
      And nothing is suppressed

  Rule: Arts. 9-10 — after the investigation, idle land is determined in writing, with its cause

    《闲置土地处置办法》第九条、第十条 (Order 53 Arts. 9, 10), with Art. 5 ¶2:
    “经调查核实，符合本办法第二条规定条件，构成闲置土地的，市、县国土资源主管部门应当向国有建设用地使用权人下达《闲置土地认定书》。”
    “《闲置土地认定书》应当载明下列事项：（一）国有建设用地使用权人的姓名或者名称、地址；（二）闲置土地的基本情况；（三）认定土地闲置的事实、依据；（四）闲置原因及认定结论；（五）其他需要说明的事项。”
    “国有建设用地使用权人应当在接到《闲置土地调查通知书》之日起三十日内，按照要求提供土地开发利用情况、闲置原因以及相关说明等材料。”
    Gloss: once investigated, idle land is determined by a written determination that
    records the cause (government or holder). Order 53 sets no deadline; the engine proposes
    it once the holder's 30 days to answer the notice have run, counted from the notice's
    service (L10, L14; a register without events gives the notice's date, read as its
    service), a last day on a holiday or rest day moved to the next working day. A
    determination issued before those 30 days ran — on their last day or earlier — is
    flagged for review, dated by the determination, unless the holder's materials came in
    first.

    @IL-ART9-DETERMINE
    Scenario Outline: once the notice is issued, the determination is next, once the holder's 30 days have run
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on <notice>
      When it is evaluated as of <as_of>
      Then DETERMINE_IDLE may not come before <not_before>
      And the actions do not include INVESTIGATE

      Examples: day 30 on a Sunday or a Saturday: the period ends on the Monday
        | notice     | as_of      | not_before |
        | 2012-08-10 | 2012-08-31 | 2012-09-11 |
        | 2013-01-31 | 2013-02-15 | 2013-03-05 |

    @IL-ART9-DETERMINE @IL-ART14-1-FEE
    Example: while the determination is pending, the fee is the prospect, not a step
      Given a parcel agreed to start on 2011-07-15
      And the investigation notice was issued on 2012-08-10
      When it is evaluated as of 2012-08-31
      Then the steps now are DETERMINE_IDLE
      And in prospect is CHARGE_IDLE_FEE

    @IL-ART26-SHARE
    Example: a determination on record means the investigation is over, even if no notice date was recorded
      Given a parcel agreed to start on 2011-03-15
      And the idle-land determination was issued on 2012-08-20
      When it is evaluated as of 2012-08-31
      Then the actions do not include INVESTIGATE, DETERMINE_IDLE, EARLY_DETERMINATION
      And the steps now include SHARE_WITH_FINANCIAL_REGULATORS

    @IL-ART5-EARLY-DETERMINATION
    Scenario Outline: a determination on the 30th day after the notice is early, on the 31st it is not
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on <determined>
      When it is evaluated as of 2012-08-31
      Then the actions <early> EARLY_DETERMINATION

      Examples: on the 30th day: the holder's time had not run
        | determined | early   |
        | 2012-08-01 | include |

      Examples: on the 31st day
        | determined | early          |
        | 2012-08-02 | do not include |

    @IL-ART5-EARLY-DETERMINATION
    Example: the early determination is a finding dated by the determination
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-07-20
      When it is evaluated as of 2012-08-31
      Then EARLY_DETERMINATION is dated 2012-07-20
      And EARLY_DETERMINATION cites Order 53 Art. 5 ¶2

  Rule: Art. 11 — the determination is published until the disposal is complete; a government cause is published and that government told

    《闲置土地处置办法》第十一条第一款、第三款 (Order 53 Art. 11 ¶1 and ¶3):
    “《闲置土地认定书》下达后，市、县国土资源主管部门应当通过门户网站等形式向社会公开闲置土地的位置、国有建设用地使用权人名称、闲置时间等信息；属于政府或者政府有关部门的行为导致土地闲置的，应当同时公开闲置原因，并书面告知有关政府或者政府部门。”
    “闲置土地在没有处置完毕前，相关信息应当长期公开。闲置土地处置完毕后，应当及时撤销相关信息。”
    Gloss: once the determination is issued, the parcel's location, holder and idle time are
    published and stay published until the disposal is complete; where the government's act
    caused the idleness, the cause is published too and that government or department is
    told in writing (L10). The date of publication is an input column (published_on,
    公开日期); once published, neither is asked again.

    @IL-ART11-PUBLISH
    Scenario Outline: a determined parcel is published; a verified government cause is also notified in writing
      Given a parcel agreed to start on 2011-03-15
      And its "cause" is "<cause>"
      And its "cause_verified" is "<verified>"
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      When it is evaluated as of 2012-08-31
      Then the steps now include PUBLISH_DETERMINATION
      And the actions <told> NOTIFY_RESPONSIBLE_GOVERNMENT

      Examples: the holder's cause
        | cause  | verified | told           |
        | holder | false    | do not include |

      Examples: a verified government cause
        | cause      | verified | told    |
        | government | true     | include |

      Examples: verified force majeure: no government to tell
        | cause         | verified | told           |
        | force_majeure | true     | do not include |

    @IL-ART11-PUBLISH
    Example: nothing is published before the determination, and nothing again once published
      Given a parcel "P-N" agreed to start on 2011-03-15
      And a parcel "P-P" agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      When the parcels are evaluated as of 2012-08-31
      Then the steps now for "P-N" are INVESTIGATE
      And the steps now for "P-P" are FILE_IN_MONITORING_SYSTEM, NOTIFY_HEARING_RIGHT, SHARE_WITH_FINANCIAL_REGULATORS

  Rule: Art. 8 — a government or force-majeure cause counts only once verified

    《闲置土地处置办法》第八条 (Order 53 Art. 8):
    “有下列情形之一，属于政府、政府有关部门的行为造成动工开发延迟的，国有建设用地使用权人应当向市、县国土资源主管部门提供土地闲置原因说明材料，经审核属实的，依照本办法第十二条和第十三条规定处置：”
    “（一）因未按照国有建设用地使用权有偿使用合同或者划拨决定书约定、规定的期限、条件将土地交付给国有建设用地使用权人，致使项目不具备动工开发条件的；”
    “（二）因土地利用总体规划、城乡规划依法修改，造成国有建设用地使用权人不能按照国有建设用地使用权有偿使用合同或者划拨决定书约定、规定的用途、规划和建设条件开发的；”
    “（三）因国家出台相关政策，需要对约定、规定的规划和建设条件进行修改的；”
    “（四）因处置土地上相关群众信访事项等无法动工开发的；”
    “（五）因军事管制、文物保护等无法动工开发的；”
    “（六）政府、政府有关部门的其他行为。”
    “因自然灾害等不可抗力导致土地闲置的，依照前款规定办理。”
    Gloss: a delay caused by the government (items 1-6) or by force majeure counts only once
    the holder's materials are verified as true; the parcel is then disposed of by
    negotiation under Arts. 12-13, not by the Art. 14 fee or reclaim. A cause claimed but not
    yet verified is verified first, and no fee or reclaim is proposed until it is settled;
    the decision records which rule was held back. No cause given is the holder's (L6).
    Mixed causes: verified days of government delay move the start date later by as many
    days, and the rest is the holder's time (L6).

    @IL-ART8-VERIFY-CAUSE @IL-ART14-1-FEE @IL-ART14-2-RECLAIM
    Scenario Outline: a claimed cause not yet verified: verify it, and propose neither fee nor reclaim
      Given a parcel agreed to start on 2011-03-15
      And the holder claims a <cause> cause that is not verified
      When it is evaluated as of <as_of>
      Then its status is "idle"
      And the steps now are INVESTIGATE, VERIFY_CAUSE
      And in prospect is nothing
      And <rule> is suppressed by IL-ART8-VERIFY-CAUSE

      Examples: one full year: the fee is held back
        | cause         | as_of      | rule           |
        | government    | 2012-08-31 | IL-ART14-1-FEE |
        | force majeure | 2012-08-31 | IL-ART14-1-FEE |

      Examples: two full years: the reclaim is held back
        | cause         | as_of      | rule               |
        | government    | 2013-08-31 | IL-ART14-2-RECLAIM |
        | force majeure | 2013-08-31 | IL-ART14-2-RECLAIM |

    @IL-ART12-NEGOTIATE @IL-ART14-1-FEE @IL-ART14-2-RECLAIM
    Scenario Outline: a verified cause: negotiation in prospect, neither fee nor reclaim
      Given a parcel agreed to start on 2011-03-15
      And a <cause> cause of the delay is verified
      When it is evaluated as of <as_of>
      Then its status is "idle"
      And the steps now are INVESTIGATE
      And in prospect is NEGOTIATE_DISPOSAL
      And <rule> is suppressed by IL-ART12-NEGOTIATE

      Examples: one full year: no fee
        | cause         | as_of      | rule           |
        | government    | 2012-08-31 | IL-ART14-1-FEE |
        | force majeure | 2012-08-31 | IL-ART14-1-FEE |

      Examples: two full years: no reclaim
        | cause         | as_of      | rule               |
        | government    | 2013-08-31 | IL-ART14-2-RECLAIM |
        | force majeure | 2013-08-31 | IL-ART14-2-RECLAIM |

    @IL-ART2-OVERDUE @IL-ART2-IDLE
    Scenario Outline: mixed causes: verified days of government delay move the start date later
      Given a parcel agreed to start on 2011-07-01
      And 92 days of government delay are verified
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: the start date that counts is 2011-10-01
        | as_of      | status  |
        | 2012-07-02 | overdue |
        | 2012-10-01 | overdue |

      Examples: a full year of the holder's own delay
        | as_of      | status |
        | 2012-10-02 | idle   |

    @IL-ART2-IDLE @IL-ART14-1-FEE
    Example: mixed causes: once the holder's own delay reaches a full year, the fee applies
      Given a parcel agreed to start on 2011-07-01
      And 92 days of government delay are verified
      When it is evaluated as of 2012-10-02
      Then the steps now are INVESTIGATE
      And in prospect is CHARGE_IDLE_FEE
      And nothing is suppressed

    @IL-ART2-OVERDUE
    Example: mixed causes as in a published case: 11 months of government delay, 6 of the holder's, not idle
      Given a parcel agreed to start on 2011-01-01
      And 334 days of government delay are verified
      When it is evaluated as of 2012-07-01
      Then its status is "overdue"
      And the steps now are URGE_START
      And it becomes idle on 2012-12-02 with 154 days left

  Rule: Art. 14(1) — holder's cause, a full year not started: an idle fee of 20% of the price, once

    《闲置土地处置办法》第十四条第（一）项 (Order 53 Art. 14(1)), with Arts. 15 and 17:
    “除本办法第八条规定情形外，闲置土地按照下列方式处理：”
    “（一）未动工开发满一年的，由市、县国土资源主管部门报经本级人民政府批准后，向国有建设用地使用权人下达《征缴土地闲置费决定书》，按照土地出让或者划拨价款的百分之二十征缴土地闲置费。土地闲置费不得列入生产成本；”
    “市、县国土资源主管部门在依照本办法第十四条规定作出征缴土地闲置费、收回国有建设用地使用权决定前，应当书面告知国有建设用地使用权人有申请听证的权利。国有建设用地使用权人要求举行听证的，市、县国土资源主管部门应当依照《国土资源听证规定》依法组织听证。”
    “国有建设用地使用权人应当自《征缴土地闲置费决定书》送达之日起三十日内，按照规定缴纳土地闲置费；自《收回国有建设用地使用权决定书》送达之日起三十日内，到市、县国土资源主管部门办理国有建设用地使用权注销登记，交回土地权利证书。”
    Gloss: except in Art. 8 cases, land not started for a full year (and not yet two) is
    charged an idle fee of 20% of the transfer or allocation price — the law's rate, not a
    district's (L7) — payable within 30 days of service. The fee is levied once: a parcel
    whose fee was levied gets no second fee. Money is decimal yuan, rounded half-up to the
    fen. Before the decision the holder is told in writing of the right to a hearing
    (Art. 15), once the determination is issued. The fee is in prospect until the
    procedure reaches the decision — the determination issued and the hearing right given —
    and is then a step due now: the disposal opinion is reported, and the fee decision is
    issued by the city or county land department after approval by the same-level
    government (L10, L11).

    @IL-ART14-1-FEE @IL-ART5-INVESTIGATE
    Example: a full year not started, nothing done yet: investigate now; the fee is in prospect
      Given a parcel agreed to start on 2011-03-15
      And its price is 10,000,000.00 yuan
      When it is evaluated as of 2012-08-31
      Then its status is "idle"
      And the steps now are INVESTIGATE
      And in prospect is CHARGE_IDLE_FEE
      And the idle fee is 2,000,000.00 yuan
      And CHARGE_IDLE_FEE cites Order 53 Art. 14(1)
      And nothing is suppressed
      And the summary counts 1 idle fees in prospect, totalling 2000000.00 yuan, and 0 decided, totalling 0.00 yuan

    @IL-ART14-1-FEE @IL-ART11-PUBLISH @IL-ART25-FILE @IL-ART26-SHARE
    Example: determined, published and filed: the hearing right is the step now; the fee is still in prospect
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      When it is evaluated as of 2012-08-31
      Then the steps now are NOTIFY_HEARING_RIGHT, SHARE_WITH_FINANCIAL_REGULATORS
      And NOTIFY_HEARING_RIGHT cites Order 53 Art. 15
      And in prospect is CHARGE_IDLE_FEE

    @IL-ART14-1-FEE @IL-ART26-SHARE
    Example: the hearing right given: the fee is decided, approved by the same-level government and issued by the land department
      Given a parcel agreed to start on 2011-03-15
      And its price is 10,000,000.00 yuan
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      And the holder was told in writing of the right to a hearing on 2012-08-20
      When it is evaluated as of 2012-08-31
      Then the steps now are REPORT_DISPOSAL_OPINION, CHARGE_IDLE_FEE, SHARE_WITH_FINANCIAL_REGULATORS
      And in prospect is nothing
      And CHARGE_IDLE_FEE is approved by the people's government at the same level and issued by the city or county land-resources department
      And the summary counts 0 idle fees in prospect, totalling 0.00 yuan, and 1 decided, totalling 2000000.00 yuan

    @IL-ART14-1-FEE
    Example: a hearing notice dated after the evaluation date has not been given: the fee stays in prospect
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      And the holder was told in writing of the right to a hearing on 2012-09-03
      When it is evaluated as of 2012-08-31
      Then the steps now include NOTIFY_HEARING_RIGHT
      And in prospect is CHARGE_IDLE_FEE

    @IL-ART14-1-FEE
    Scenario Outline: the fee is 20% of the price, rounded half-up to the fen
      Given a parcel agreed to start on 2011-03-15
      And its price is <price> yuan
      When it is evaluated as of 2012-08-31
      Then the idle fee is <fee> yuan

      Examples:
        | price         | fee          |
        | 10,000,000    | 2,000,000.00 |
        | 12345678.91   | 2,469,135.78 |
        | 10.03         | 2.01         |
        | 10.02         | 2.00         |

    @IL-ART14-1-FEE
    Example: allocated land pays 20% of the allocation price
      Given a parcel agreed to start on 2011-03-15
      And its supply is allocation
      And its price is 4,500,000 yuan
      When it is evaluated as of 2012-08-31
      Then the idle fee is 900,000.00 yuan

    @IL-ART14-1-FEE
    Example: allocated land with no price recorded: the fee has no amount, and its base is to be determined
      Registers often record no price for allocated land (a school's). The fee is still due,
      but 20% of nothing recorded is no amount: none is invented, and the base is to be
      determined before the fee decision.
      Given a parcel agreed to start on 2011-03-15
      And its supply is allocation
      And no price is recorded
      When it is evaluated as of 2012-08-31
      Then the idle fee has no amount
      And the steps now include DETERMINE_FEE_BASE
      And in prospect is CHARGE_IDLE_FEE

    Example: a transferred parcel always has its price
      Given a parcel agreed to start on 2011-03-15
      And no price is recorded
      When it is evaluated as of 2012-08-31
      Then the input is refused at row 2, column "price", with no value
      And the refusal reads "expected the transfer price"

    @IL-ART26-SHARE @IL-ART14-2-RECLAIM
    Scenario Outline: a fee already levied is not levied again, and at two years the land is still reclaimed
      Given a parcel agreed to start on 2011-08-15
      And the investigation notice was issued on 2012-08-20
      And the idle-land determination was issued on 2012-10-08
      And the determination was published on 2012-10-10
      And it is filed in the land-market monitoring system
      And the idle fee was levied on 2012-11-05
      When it is evaluated as of <as_of>
      Then the steps now are <now>
      And in prospect is <prospect>

      Examples: under two full years: no second fee
        | as_of      | now                             | prospect |
        | 2013-01-15 | SHARE_WITH_FINANCIAL_REGULATORS | nothing  |
        | 2013-08-15 | SHARE_WITH_FINANCIAL_REGULATORS | nothing  |

      Examples: two full years: reclaim, fee or no fee
        | as_of      | now                                                   | prospect     |
        | 2013-08-16 | NOTIFY_HEARING_RIGHT, SHARE_WITH_FINANCIAL_REGULATORS | RECLAIM_LAND |

    @IL-ART14-1-FEE
    Example: a fee dated after the evaluation date has not been levied yet
      Given a parcel agreed to start on 2011-08-15
      And the idle fee was levied on 2013-01-20
      When it is evaluated as of 2013-01-15
      Then in prospect is CHARGE_IDLE_FEE
      And the idle fee is 2,000,000.00 yuan

  Rule: L13 — land that started only after becoming idle keeps the liability that arose

    《闲置土地处置办法》第二条第一款、第十四条 (Order 53 Art. 2 ¶1, Art. 14):
    “本办法所称闲置土地，是指国有建设用地使用权人超过国有建设用地使用权有偿使用合同或者划拨决定书约定、规定的动工开发日期满一年未动工开发的国有建设用地。”
    “（一）未动工开发满一年的，由市、县国土资源主管部门报经本级人民政府批准后，向国有建设用地使用权人下达《征缴土地闲置费决定书》，按照土地出让或者划拨价款的百分之二十征缴土地闲置费。土地闲置费不得列入生产成本；”
    “（二）未动工开发满两年的，由市、县国土资源主管部门按照《中华人民共和国土地管理法》第三十七条和《中华人民共和国城市房地产管理法》第二十六条的规定，报经有批准权的人民政府批准后，向国有建设用地使用权人下达《收回国有建设用地使用权决定书》，无偿收回国有建设用地使用权。闲置土地设有抵押权的，同时抄送相关土地抵押权人。”
    Gloss (decisions.md L13): a parcel that started only after it had been idle a full year,
    for the holder's cause, is started today, but the Art. 14(1) liability arose when the
    year ran and the later start does not erase it. It keeps a status of its own,
    started_after_idle, and the fee is due — investigated, determined and decided as for any
    idle parcel — unless it was already levied. Where it had reached two full years
    unstarted before it started, the reclaim was due in law: the engine does not propose
    reclaiming land now under construction, but flags it for the bureau's legal review
    (REVIEW_RECLAIM) beside the fee. A verified government or force-majeure cause leaves the
    parcel compliant; a claimed one is verified first.

    @IL-ART2-COMPLIANT @IL-ART2-STARTED-AFTER-IDLE @IL-ART14-1-FEE-LATE-START @IL-ART14-2-REVIEW-RECLAIM
    Scenario Outline: a start on the anniversary is in time; a start the day after keeps the fee, and after two full years a review of the reclaim
      Given a parcel agreed to start on 2011-09-01
      And its price is 10,000,000 yuan
      And it started on <started>
      When it is evaluated as of 2013-12-31
      Then its status is "<status>"
      And the steps now are <now>
      And in prospect is <prospect>

      Examples: started on the first anniversary of the start date: never idle
        | started    | status    | now  | prospect |
        | 2012-09-01 | compliant | none | nothing  |

      Examples: started after a full year idle: the fee is still due
        | started    | status             | now         | prospect        |
        | 2012-09-02 | started_after_idle | INVESTIGATE | CHARGE_IDLE_FEE |
        | 2013-09-01 | started_after_idle | INVESTIGATE | CHARGE_IDLE_FEE |

      Examples: started after two full years idle: the fee, and the reclaim referred to legal review
        | started    | status             | now                         | prospect        |
        | 2013-09-02 | started_after_idle | INVESTIGATE, REVIEW_RECLAIM | CHARGE_IDLE_FEE |

    @IL-ART14-1-FEE-LATE-START @IL-ART2-STARTED-AFTER-IDLE
    Example: the fee for the idle year is 20% of the price
      Given a parcel agreed to start on 2011-09-01
      And its price is 10,000,000 yuan
      And it started on 2012-11-20
      When it is evaluated as of 2013-01-31
      Then its status is "started_after_idle"
      And the idle fee is 2,000,000.00 yuan
      And CHARGE_IDLE_FEE cites Order 53 Art. 14(1)

    @IL-ART14-1-FEE-LATE-START @IL-ART2-STARTED-AFTER-IDLE @IL-ART26-SHARE
    Example: determined and the hearing right given: the fee for a parcel now under construction is decided
      Given a parcel agreed to start on 2011-09-01
      And it started on 2012-11-20
      And the investigation notice was issued on 2012-10-08
      And the idle-land determination was issued on 2012-11-12
      And the determination was published on 2012-11-14
      And it is filed in the land-market monitoring system
      And the holder was told in writing of the right to a hearing on 2012-12-03
      When it is evaluated as of 2013-01-31
      Then the steps now are REPORT_DISPOSAL_OPINION, CHARGE_IDLE_FEE, SHARE_WITH_FINANCIAL_REGULATORS
      And CHARGE_IDLE_FEE is approved by the people's government at the same level and issued by the city or county land-resources department

    @IL-ART2-STARTED-AFTER-IDLE @IL-ART14-2-REVIEW-RECLAIM
    Scenario Outline: a fee already levied is not levied again; the review of the reclaim stays
      Given a parcel agreed to start on 2011-09-01
      And it started on <started>
      And the idle fee was levied on 2012-12-10
      When it is evaluated as of 2013-12-31
      Then its status is "started_after_idle"
      And the steps now are <now>
      And in prospect is nothing

      Examples:
        | started    | now            |
        | 2013-06-03 | none           |
        | 2013-09-02 | REVIEW_RECLAIM |

    @IL-ART2-COMPLIANT @IL-ART14-1-FEE-LATE-START
    Example: a verified government cause: a late start owes nothing
      Given a parcel agreed to start on 2011-09-01
      And a government cause of the delay is verified
      And it started on 2013-09-02
      When it is evaluated as of 2013-12-31
      Then its status is "compliant"
      And it has no actions

    @IL-ART2-STARTED-AFTER-IDLE @IL-ART8-VERIFY-CAUSE @IL-ART14-1-FEE-LATE-START @IL-ART14-2-REVIEW-RECLAIM
    Example: a claimed government cause is verified first: neither the fee nor the review is proposed until it is settled
      Given a parcel agreed to start on 2011-09-01
      And the holder claims a government cause that is not verified
      And it started on 2013-09-02
      When it is evaluated as of 2013-12-31
      Then its status is "started_after_idle"
      And the steps now are INVESTIGATE, VERIFY_CAUSE
      And in prospect is nothing
      And IL-ART14-1-FEE-LATE-START is suppressed by IL-ART8-VERIFY-CAUSE
      And IL-ART14-2-REVIEW-RECLAIM is suppressed by IL-ART8-VERIFY-CAUSE

  Rule: Art. 14(2) — holder's cause, two full years not started: reclaim without compensation

    《闲置土地处置办法》第十四条第（二）项 (Order 53 Art. 14(2)), with 《土地管理法》第三十七条 (2004):
    “（二）未动工开发满两年的，由市、县国土资源主管部门按照《中华人民共和国土地管理法》第三十七条和《中华人民共和国城市房地产管理法》第二十六条的规定，报经有批准权的人民政府批准后，向国有建设用地使用权人下达《收回国有建设用地使用权决定书》，无偿收回国有建设用地使用权。闲置土地设有抵押权的，同时抄送相关土地抵押权人。”
    “……连续二年未使用的，经原批准机关批准，由县级以上人民政府无偿收回用地单位的土地使用权；……”
    Gloss: except in Art. 8 cases, land not started for two full years is reclaimed without
    compensation, whether or not the fee was levied (L8). The reclaim cites the Land
    Administration Law's Art. 37, in the 2004 numbering Art. 14(2) itself uses. It is in
    prospect until the determination is issued and the hearing right given; then the
    reclaim decision is issued by the city or county land department after approval by the
    government holding approval authority, and, if the land is mortgaged, copied to the
    mortgagee (L11). The fee does not go to the mortgagee.

    @IL-ART14-1-FEE @IL-ART14-2-RECLAIM
    Scenario Outline: on the second anniversary it is still the fee, from the day after it is the reclaim
      Given a parcel agreed to start on <start>
      When it is evaluated as of <as_of>
      Then the actions include <present>
      And the actions do not include <absent>

      Examples: on the second anniversary of the start date
        | start      | as_of      | present         | absent          |
        | 2011-07-31 | 2013-07-31 | CHARGE_IDLE_FEE | RECLAIM_LAND    |
        | 2012-02-29 | 2014-02-28 | CHARGE_IDLE_FEE | RECLAIM_LAND    |

      Examples: the day after the second anniversary
        | start      | as_of      | present         | absent          |
        | 2011-07-31 | 2013-08-01 | RECLAIM_LAND    | CHARGE_IDLE_FEE |
        | 2012-02-29 | 2014-03-01 | RECLAIM_LAND    | CHARGE_IDLE_FEE |

    @IL-ART14-2-RECLAIM
    Example: two full years not started, nothing done yet: investigate now; the reclaim is in prospect
      Given a parcel agreed to start on 2010-05-20
      When it is evaluated as of 2012-08-31
      Then its status is "idle"
      And the steps now are INVESTIGATE
      And in prospect is RECLAIM_LAND
      And RECLAIM_LAND cites Order 53 Art. 14(2)
      And RECLAIM_LAND cites Land Administration Law Art. 37
      And RECLAIM_LAND cites Urban Real Estate Law Art. 26
      And nothing is suppressed

    @IL-ART14-2-RECLAIM @IL-ART26-SHARE
    Example: at the decision the reclaim names who approves and who issues it, and is copied to the mortgagee
      Given a parcel agreed to start on 2010-05-20
      And it is mortgaged to "中国工商银行"
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      And the holder was told in writing of the right to a hearing on 2012-08-20
      When it is evaluated as of 2012-08-31
      Then the steps now are REPORT_DISPOSAL_OPINION, RECLAIM_LAND, COPY_TO_MORTGAGEE, SHARE_WITH_FINANCIAL_REGULATORS
      And RECLAIM_LAND is approved by the people's government holding approval authority and issued by the city or county land-resources department
      And the actions do not include NOTIFY_MORTGAGEE

    @IL-ART14-2-RECLAIM
    Example: before the decision there is no reclaim decision to copy to the mortgagee
      Given a parcel agreed to start on 2010-05-20
      And it is mortgaged to "中国工商银行"
      When it is evaluated as of 2012-08-31
      Then the steps now are INVESTIGATE
      And in prospect is RECLAIM_LAND
      And the actions do not include COPY_TO_MORTGAGEE, NOTIFY_MORTGAGEE

    @IL-ART14-1-FEE
    Example: the fee is not sent to the mortgagee
      Given a parcel agreed to start on 2011-03-15
      And it is mortgaged to "中国工商银行"
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      And the holder was told in writing of the right to a hearing on 2012-08-20
      When it is evaluated as of 2012-08-31
      Then the steps now include CHARGE_IDLE_FEE
      And the actions do not include COPY_TO_MORTGAGEE, NOTIFY_MORTGAGEE

  Rule: Arts. 12-13 — a verified government or force-majeure cause: negotiate a disposal, notify the mortgagee

    《闲置土地处置办法》第十二条第一款、第十三条 (Order 53 Art. 12 ¶1, Art. 13):
    “因本办法第八条规定情形造成土地闲置的，市、县国土资源主管部门应当与国有建设用地使用权人协商，选择下列方式处置：”
    “（一）延长动工开发期限。签订补充协议，重新约定动工开发、竣工期限和违约责任。从补充协议约定的动工开发日期起，延长动工开发期限最长不得超过一年；”
    “（二）调整土地用途、规划条件。按照新用途或者新规划条件重新办理相关用地手续，并按照新用途或者新规划条件核算、收缴或者退还土地价款。改变用途后的土地利用必须符合土地利用总体规划和城乡规划；”
    “（三）由政府安排临时使用。待原项目具备开发建设条件，国有建设用地使用权人重新开发建设。从安排临时使用之日起，临时使用期限最长不得超过两年；”
    “（四）协议有偿收回国有建设用地使用权；”
    “（五）置换土地。对已缴清土地价款、落实项目资金，且因规划依法修改造成闲置的，可以为国有建设用地使用权人置换其它价值相当、用途相同的国有建设用地进行开发建设。涉及出让土地的，应当重新签订土地出让合同，并在合同中注明为置换土地；”
    “（六）市、县国土资源主管部门还可以根据实际情况规定其他处置方式。”
    “市、县国土资源主管部门与国有建设用地使用权人协商一致后，应当拟订闲置土地处置方案，报本级人民政府批准后实施。”
    “闲置土地设有抵押权的，市、县国土资源主管部门在拟订闲置土地处置方案时，应当书面通知相关抵押权人。”
    Gloss: for a verified Art. 8 cause, the department negotiates one of the Art. 12 options
    with the holder, drafts a disposal plan and carries it out once the same-level
    government approves it (L11); if the land is mortgaged, the mortgagee is notified in
    writing while the plan is drafted (L9). The land swap is offered only where its three
    conditions hold: the land price paid in full, the project's funds secured, and a lawful
    plan amendment the cause (input columns price_paid, funds_secured, plan_amended). The
    negotiation is in prospect until the parcel is determined and filed (Art. 25, below).

    @IL-ART12-NEGOTIATE
    Example: a verified government cause on mortgaged land, determined and filed: negotiate, notify the mortgagee, no fee
      Given a parcel agreed to start on 2011-03-15
      And a government cause of the delay is verified
      And it is mortgaged to "中国建设银行"
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      When it is evaluated as of 2012-08-31
      Then the steps now are NEGOTIATE_DISPOSAL, NOTIFY_MORTGAGEE, REPORT_DISPOSAL_OPINION, SHARE_WITH_FINANCIAL_REGULATORS
      And in prospect is nothing
      And NEGOTIATE_DISPOSAL offers extend_start, change_use_or_planning, temporary_use, paid_reclaim, other_local
      And NEGOTIATE_DISPOSAL cites Order 53 Art. 12
      And NEGOTIATE_DISPOSAL is approved by the people's government at the same level and issued by the city or county land-resources department
      And NOTIFY_MORTGAGEE cites Order 53 Art. 13
      And IL-ART14-1-FEE is suppressed by IL-ART12-NEGOTIATE

    @IL-ART12-NEGOTIATE
    Example: verified force majeure on mortgaged land at two years: no reclaim; nothing is sent to the mortgagee before the plan is drafted
      Given a parcel agreed to start on 2010-05-20
      And a force majeure cause of the delay is verified
      And it is mortgaged to "中国建设银行"
      When it is evaluated as of 2012-08-31
      Then the steps now are INVESTIGATE
      And in prospect is NEGOTIATE_DISPOSAL
      And the actions do not include NOTIFY_HEARING_RIGHT, RECLAIM_LAND, COPY_TO_MORTGAGEE, NOTIFY_MORTGAGEE
      And IL-ART14-2-RECLAIM is suppressed by IL-ART12-NEGOTIATE

    @IL-ART12-NEGOTIATE
    Scenario Outline: the land swap is offered only where the price is paid, the funds are secured and a lawful plan amendment caused the idleness
      Given a parcel agreed to start on 2011-03-15
      And a government cause of the delay is verified
      And its "price_paid" is "<paid>"
      And its "funds_secured" is "<funds>"
      And its "plan_amended" is "<plan>"
      When it is evaluated as of 2012-08-31
      Then NEGOTIATE_DISPOSAL offers <options>

      Examples: all three conditions hold
        | paid | funds | plan | options                                                                             |
        | true | true  | true | extend_start, change_use_or_planning, temporary_use, paid_reclaim, land_swap, other_local |

      Examples: any one missing
        | paid  | funds | plan  | options                                                                  |
        | false | true  | true  | extend_start, change_use_or_planning, temporary_use, paid_reclaim, other_local |
        | true  | false | true  | extend_start, change_use_or_planning, temporary_use, paid_reclaim, other_local |
        | true  | true  | false | extend_start, change_use_or_planning, temporary_use, paid_reclaim, other_local |

  Rule: Art. 12 ¶3 — started-but-stalled idle land is disposed of by negotiation, never by fee or reclaim

    《闲置土地处置办法》第十二条第三款 (Order 53 Art. 12 ¶3):
    “符合本办法第二条第二款规定情形的闲置土地，依照本条规定的方式处置。”
    Gloss: idle land of the Art. 2 ¶2 kind is disposed of by the negotiated options of
    Art. 12, never by the Art. 14 fee or reclaim, however long it has been halted (L5).

    @IL-ART12-3-STALLED @IL-ART2-STALLED
    Example: a stalled parcel: investigate now; the negotiation is in prospect
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with 0.2 of the area developed and 0.1 of the investment made
      When it is evaluated as of 2013-04-01
      Then its status is "stalled"
      And the steps now are INVESTIGATE
      And in prospect is NEGOTIATE_DISPOSAL
      And NEGOTIATE_DISPOSAL offers extend_start, change_use_or_planning, temporary_use, paid_reclaim, other_local

    @IL-ART12-3-STALLED
    Example: halted three years: still neither fee nor reclaim
      Given a parcel agreed to start on 2010-06-01
      And it started on 2010-09-01
      And it halted on 2010-10-15 with 0.05 of the area developed and 0.02 of the investment made
      When it is evaluated as of 2013-10-16
      Then its status is "stalled"
      And the actions include NEGOTIATE_DISPOSAL
      And the actions do not include NOTIFY_HEARING_RIGHT, CHARGE_IDLE_FEE, RECLAIM_LAND

    @IL-ART12-3-STALLED @IL-ART26-SHARE
    Example: a stalled parcel on mortgaged land, determined and filed: negotiate and notify the mortgagee
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with 0.2 of the area developed and 0.1 of the investment made
      And it is mortgaged to "中国农业银行"
      And the investigation notice was issued on 2013-04-02
      And the idle-land determination was issued on 2013-05-20
      And the determination was published on 2013-05-21
      And it is filed in the land-market monitoring system
      When it is evaluated as of 2013-06-01
      Then the steps now are NEGOTIATE_DISPOSAL, NOTIFY_MORTGAGEE, REPORT_DISPOSAL_OPINION, SHARE_WITH_FINANCIAL_REGULATORS

  Rule: Art. 25 — determined idle land is filed in the land-market monitoring system, and not negotiated before

    《闲置土地处置办法》第二十五条 (Order 53 Art. 25):
    “市、县国土资源主管部门应当将本行政区域内的闲置土地信息按宗录入土地市场动态监测与监管系统备案。闲置土地按照规定处置完毕后，市、县国土资源主管部门应当及时更新该宗土地相关信息。”
    “闲置土地未按照规定备案的，不得采取本办法第十二条规定的方式处置。”
    Gloss: every idle parcel, once determined, is filed, parcel by parcel, in the land-market
    monitoring system; an unfiled parcel may not be disposed of by the Art. 12 options, so
    filing comes first and the negotiation stays in prospect until it is done (L10).

    @IL-ART25-FILE @IL-ART12-NEGOTIATE
    Scenario Outline: the negotiation is a step only once the determined parcel is filed
      Given a parcel agreed to start on 2011-03-15
      And a government cause of the delay is verified
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And its "filed_in_monitoring" is "<filed>"
      When it is evaluated as of 2012-08-31
      Then the steps now are <now>
      And in prospect is <prospect>

      Examples: not filed: file first
        | filed | now                                                        | prospect           |
        | false | FILE_IN_MONITORING_SYSTEM, SHARE_WITH_FINANCIAL_REGULATORS | NEGOTIATE_DISPOSAL |

      Examples: filed: negotiate
        | filed | now                                                                             | prospect |
        | true  | NEGOTIATE_DISPOSAL, REPORT_DISPOSAL_OPINION, SHARE_WITH_FINANCIAL_REGULATORS | nothing  |

    @IL-ART25-FILE
    Example: nothing is filed before the determination
      Given a parcel "P-U" agreed to start on 2011-03-15
      And a parcel "P-D" agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      When the parcels are evaluated as of 2012-08-31
      Then the steps now for "P-U" are INVESTIGATE
      And the steps now for "P-D" are PUBLISH_DETERMINATION, FILE_IN_MONITORING_SYSTEM, NOTIFY_HEARING_RIGHT, SHARE_WITH_FINANCIAL_REGULATORS

  Rule: L14 — the holder's 30 days run from the notice's service, and an instrument issued is served

    《闲置土地处置办法》第五条第二款 (Order 53 Art. 5 ¶2), 第十七条 (Art. 17):
    “国有建设用地使用权人应当在接到《闲置土地调查通知书》之日起三十日内，按照要求提供土地开发利用情况、闲置原因以及相关说明等材料。”
    Gloss: a period the holder has runs from the day it received the instrument (接到, 送达),
    never from the day the bureau issued it: with an events file, the notice's service is
    its own event, and until it is served the next step is to serve it (with a proof of
    service, 送达回证). Service by public notice (公告送达) counts as made 60 days after the
    notice is published (30 days from 2022-01-01), counted as every period is (L14).

    @IL-SERVE-INSTRUMENT @IL-ART9-DETERMINE
    Example: a notice issued but not served: serve it; the holder's time has not begun
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
      When it is evaluated as of 2013-02-10
      Then its stage is "investigating"
      And the steps now are SERVE_INSTRUMENT
      And the actions do not include DETERMINE_IDLE, INVESTIGATE

    @IL-ART9-DETERMINE
    Example: served on 5 March 2013: day 30 is 4 April, Qingming, and the period ends on Sunday 7 April, a make-up working day
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       |
        | 2013-02-01 | investigation_notice_issued |
        | 2013-03-05 | investigation_notice_served |
      When it is evaluated as of 2013-03-20
      Then DETERMINE_IDLE may not come before 2013-04-08

    @IL-ART9-DETERMINE
    Example: served by public notice: deemed served 60 days after publication (3 May), its 30 days end on Monday 3 June
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | serves                      |
        | 2013-02-01 | investigation_notice_issued |                             |
        | 2013-03-04 | served_by_public_notice     | investigation_notice_served |
      When it is evaluated as of 2013-05-10
      Then DETERMINE_IDLE may not come before 2013-06-04

  Rule: Art. 15 — the hearing right: 5 working days to request a hearing, then the approval

    《闲置土地处置办法》第十五条 (Order 53 Art. 15):
    “市、县国土资源主管部门在依照本办法第十四条规定作出征缴土地闲置费、收回国有建设用地使用权决定前，应当书面告知国有建设用地使用权人有申请听证的权利。国有建设用地使用权人要求举行听证的，市、县国土资源主管部门应当依照《国土资源听证规定》依法组织听证。”
    Gloss: the holder may request a hearing within 5 working days of receiving the notice
    (国土资源听证规定, as published notices apply it: decisions.md L14); silence waives it.
    Working days skip weekends and holidays and count make-up working days. Only once the
    hearing is held, waived or its period ran is the disposal opinion reported for approval;
    an approval before that is flagged.

    @IL-ART15-HEARING-PERIOD @IL-ART14-1-FEE
    Scenario Outline: served on a Thursday, the 5 working days run over the weekend to the next Thursday
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
      When it is evaluated as of <as_of>
      Then its stage is "<stage>"
      And REPORT_DISPOSAL_OPINION may not come before 2013-03-15
      And the actions <awaiting> AWAIT_HEARING_REQUEST

      Examples:
        | as_of      | stage                    | awaiting       |
        | 2013-03-11 | awaiting_hearing_request | include        |
        | 2013-03-14 | awaiting_hearing_request | include        |
        | 2013-03-15 | awaiting_approval        | do not include |

    @IL-ART15-HEARING-PERIOD
    Example: the hearing request is due on the fifth working day
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
      When it is evaluated as of 2013-03-12
      Then AWAIT_HEARING_REQUEST is due on 2013-03-14

    @IL-ART15-HOLD-HEARING
    Example: a hearing requested is held before anything is reported for approval
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-03-12 | hearing_requested           |                     |
      When it is evaluated as of 2013-03-20
      Then its stage is "hearing"
      And the steps now include HOLD_HEARING
      And the actions do not include AWAIT_HEARING_REQUEST

    @IL-ART15-EARLY-APPROVAL
    Example: an approval inside the hearing period is flagged
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-03-12 | approved                    |                     |
      When it is evaluated as of 2013-03-20
      Then its stage is "decided"
      And APPROVED_BEFORE_HEARING is dated 2013-03-12
      And the actions do not include REPORT_DISPOSAL_OPINION

  Rule: Art. 17 — the fee is paid within 30 days of the decision's service; the registration cancelled within 30 days of the reclaim's

    《闲置土地处置办法》第十七条第一款 (Order 53 Art. 17 ¶1):
    “国有建设用地使用权人应当自《征缴土地闲置费决定书》送达之日起三十日内，按照规定缴纳土地闲置费；自《收回国有建设用地使用权决定书》送达之日起三十日内，到市、县国土资源主管部门办理国有建设用地使用权注销登记，交回土地权利证书。”
    Gloss: the holder's duty has its own due date, counted from the decision's service, and
    shows as overdue once it passed unmet (the holder's lateness, not the bureau's). Until
    the review (60 days) and litigation periods (3 months for a decision served before
    2015-05-01, 6 months after) have run, nothing is enforced.

    @IL-ART17-PAY @IL-ART18-REMEDY-PERIODS
    Scenario Outline: served on 3 June 2013: day 30 is on time, day 31 overdue, and no enforcement before the periods end
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-05-20 | approved                    |                     |
        | 2013-06-03 | fee_decision_served         | 某国土闲征〔2013〕1号 |
      When it is evaluated as of <as_of>
      Then its stage is "<stage>"
      And PAY_IDLE_FEE is due on 2013-07-03
      And PAY_IDLE_FEE is <overdue>

      Examples:
        | as_of      | stage                   | overdue           |
        | 2013-07-03 | awaiting_payment        | not overdue       |
        | 2013-07-04 | awaiting_remedy_periods | overdue by 1 day  |
        | 2013-09-03 | awaiting_remedy_periods | overdue by 62 days |

    @IL-ART18-REMEDY-PERIODS
    Example: the later of the review (60 days) and litigation (3 months) periods ends enforcement's wait
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-05-20 | approved                    |                     |
        | 2013-06-03 | fee_decision_served         | 某国土闲征〔2013〕1号 |
      When it is evaluated as of 2013-07-10
      Then AWAIT_REMEDY_PERIODS is due on 2013-09-03
      And the actions do not include CHARGE_IDLE_FEE, REPORT_DISPOSAL_OPINION

    @IL-ART17-PAY
    Example: the fee paid closes the case
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-05-20 | approved                    |                     |
        | 2013-06-03 | fee_decision_served         | 某国土闲征〔2013〕1号 |
        | 2013-06-20 | fee_paid                    |                     |
      When it is evaluated as of 2013-09-10
      Then its stage is "closed"
      And the steps now are SHARE_WITH_FINANCIAL_REGULATORS

    @IL-ART17-CANCEL-REGISTRATION @IL-ART18-1-CANCEL-BY-NOTICE
    Scenario Outline: a reclaim decision: the registration is cancelled within 30 days, or by public notice once the periods ran
      Given a parcel agreed to start on 2011-01-20
      And its case's events are:
        | date       | event                       |
        | 2013-02-01 | investigation_notice_issued |
        | 2013-02-04 | investigation_notice_served |
        | 2013-03-07 | determination_issued        |
        | 2013-03-08 | published                   |
        | 2013-03-08 | filed_in_monitoring         |
        | 2013-03-07 | hearing_notice_served       |
        | 2013-05-20 | approved                    |
        | 2013-06-03 | reclaim_decision_served     |
      When it is evaluated as of <as_of>
      Then its stage is "<stage>"
      And CANCEL_REGISTRATION is due on 2013-07-03
      And the actions <notice> CANCEL_BY_PUBLIC_NOTICE
      And the actions do not include RECLAIM_LAND

      Examples:
        | as_of      | stage                 | notice         |
        | 2013-07-01 | awaiting_cancellation | do not include |
        | 2013-09-04 | enforcement           | include        |

  Rule: Art. 18 — neither review nor suit, the duty unmet: a demand, then the court within three months

    《闲置土地处置办法》第十八条 (Order 53 Art. 18), 《行政强制法》第五十三条、第五十四条:
    “国有建设用地使用权人逾期不申请行政复议、不提起行政诉讼，也不履行相关义务的，市、县国土资源主管部门可以采取下列措施：（一）逾期不办理国有建设用地使用权注销登记，不交回土地权利证书的，直接公告注销国有建设用地使用权登记和土地权利证书；（二）申请人民法院强制执行。”
    “当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，没有行政强制执行权的行政机关可以自期限届满之日起三个月内，依照本章规定申请人民法院强制执行。”
    “行政机关申请人民法院强制执行前，应当催告当事人履行义务。催告书送达十日后当事人仍未履行义务的，行政机关可以向所在地有管辖权的人民法院申请强制执行；执行对象是不动产的，向不动产所在地有管辖权的人民法院申请强制执行。”
    Gloss: the land bureau has no enforcement power of its own: once the review and
    litigation periods have run, it serves a demand (催告书), and ten days after its service
    applies to the court, within three months of the periods' end. A review applied for or a
    suit filed stops enforcement.

    @IL-ART18-2-DEMAND
    Example: the periods ran on 3 September 2013: a demand, in time to apply by 3 December
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-05-20 | approved                    |                     |
        | 2013-06-03 | fee_decision_served         | 某国土闲征〔2013〕1号 |
      When it is evaluated as of 2013-09-04
      Then its stage is "enforcement"
      And SERVE_DEMAND is due on 2013-12-03
      And PAY_IDLE_FEE is overdue by 63 days
      And the actions do not include AWAIT_REMEDY_PERIODS, APPLY_TO_COURT

    @IL-ART18-2-COURT
    Scenario Outline: ten days after the demand's service, the court; the Mid-Autumn holiday moves the tenth day
      Served on 10 September 2013: day 10 is 20 September, in the Mid-Autumn holiday
      (19-21 September); Sunday 22 September was worked, so the ten days end on it.

      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-05-20 | approved                    |                     |
        | 2013-06-03 | fee_decision_served         | 某国土闲征〔2013〕1号 |
        | 2013-09-10 | demand_served               | 某国土闲催〔2013〕1号 |
      When it is evaluated as of <as_of>
      Then APPLY_TO_COURT may not come before 2013-09-23
      And APPLY_TO_COURT is due on 2013-12-03
      And APPLY_TO_COURT is <overdue>

      Examples:
        | as_of      | overdue          |
        | 2013-10-08 | not overdue      |
        | 2013-12-04 | overdue by 1 day |

    @IL-ART18-2-DEMAND @IL-ART17-PAY
    Example: a review applied for stops enforcement
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event                       | doc_no              |
        | 2013-02-01 | investigation_notice_issued | 某国土闲调〔2013〕1号 |
        | 2013-02-04 | investigation_notice_served |                     |
        | 2013-03-07 | determination_issued        | 某国土闲定〔2013〕1号 |
        | 2013-03-07 | determination_served        |                     |
        | 2013-03-08 | published                   |                     |
        | 2013-03-08 | filed_in_monitoring         |                     |
        | 2013-03-07 | hearing_notice_served       | 某国土闲听〔2013〕1号 |
        | 2013-05-20 | approved                    |                     |
        | 2013-06-03 | fee_decision_served         | 某国土闲征〔2013〕1号 |
        | 2013-07-20 | review_applied              |                     |
      When it is evaluated as of 2013-09-10
      Then its stage is "review_or_litigation"
      And the actions do not include SERVE_DEMAND, PAY_IDLE_FEE

    @IL-ART17-PAY @IL-ART18-REMEDY-PERIODS
    Example: a decision served after 2015-05-01 leaves six months to sue
      Given a parcel agreed to start on 2015-01-20
      And its case's events are:
        | date       | event                       |
        | 2016-02-01 | investigation_notice_issued |
        | 2016-02-02 | investigation_notice_served |
        | 2016-03-07 | determination_issued        |
        | 2016-03-08 | published                   |
        | 2016-03-08 | filed_in_monitoring         |
        | 2016-03-07 | hearing_notice_served       |
        | 2016-05-20 | approved                    |
        | 2016-06-03 | fee_decision_served         |
      When it is evaluated as of 2016-08-01
      Then PAY_IDLE_FEE is due on 2016-07-04
      And AWAIT_REMEDY_PERIODS is due on 2016-12-05

  Rule: L15 — events out of order are refused, naming the row

    Gloss: an events file is checked as a change log is: an event before the one it needs
    (a determination before the notice, a service before the issue, a payment before the
    decision), a second one of an event that happens once, or an event that contradicts
    the register's own column for the same fact is refused as bad input, naming the row of
    the events file; nothing is written.

    @IL-ART9-DETERMINE
    Scenario Outline: an event before the one it needs is refused
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event   |
        | 2013-03-01 | <first> |
        | <second_on> | <second> |
      When it is evaluated as of 2013-06-30
      Then the events are refused at row <row>, column "event", value "<refused>"

      Examples:
        | first                       | second_on  | second                      | row | refused                     |
        | investigation_notice_served | 2013-03-02 | investigation_notice_issued | 2   | investigation_notice_served |
        | determination_issued        | 2013-03-05 | investigation_notice_issued | 2   | determination_issued        |
        | fee_paid                    | 2013-03-05 | discovered                  | 2   | fee_paid                    |

    @IL-ART9-DETERMINE
    Example: an event of a parcel the register does not hold is refused
      Given a parcel agreed to start on 2012-01-20
      And its case's events are:
        | date       | event      | parcel_id |
        | 2013-03-01 | discovered | P-9       |
      When it is evaluated as of 2013-06-30
      Then the events are refused at row 2, column "parcel_id", value "P-9"

    @IL-ART9-DETERMINE
    Example: an event contradicting the register's column is refused
      Given a parcel agreed to start on 2012-01-20
      And the investigation notice was issued on 2013-02-01
      And its case's events are:
        | date       | event                       |
        | 2013-02-03 | investigation_notice_issued |
      When it is evaluated as of 2013-06-30
      Then the events are refused at row 2, column "date", value "2013-02-03"

  Rule: Art. 26 — information on holders of idle land goes to the financial regulators

    《闲置土地处置办法》第二十六条 (Order 53 Art. 26):
    “市、县国土资源主管部门应当将国有建设用地使用权人闲置土地的信息抄送金融监管等部门。”
    Gloss: once the parcel is determined idle, the holder's idle-land information is sent to
    the financial regulators (L12). With the determination issued, neither the
    investigation nor the determination is proposed again (L10).

    @IL-ART26-SHARE @IL-ART14-1-FEE
    Example: a determined parcel: the information goes to the financial regulators, and the investigation is done
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-08-10
      And the idle-land determination was issued on 2012-09-20
      And the determination was published on 2012-09-21
      And it is filed in the land-market monitoring system
      When it is evaluated as of 2012-09-30
      Then the steps now are NOTIFY_HEARING_RIGHT, SHARE_WITH_FINANCIAL_REGULATORS
      And in prospect is CHARGE_IDLE_FEE

    @IL-ART26-SHARE @IL-ART12-3-STALLED
    Example: a determined stalled parcel is shared too
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with 0.2 of the area developed and 0.1 of the investment made
      And the investigation notice was issued on 2013-04-02
      And the idle-land determination was issued on 2013-05-20
      And the determination was published on 2013-05-21
      And it is filed in the land-market monitoring system
      When it is evaluated as of 2013-06-01
      Then the steps now are NEGOTIATE_DISPOSAL, REPORT_DISPOSAL_OPINION, SHARE_WITH_FINANCIAL_REGULATORS

  Rule: Art. 24 — a holder found to hoard land gets no new land, and its idle parcel is frozen

    《闲置土地处置办法》第二十四条 (Order 53 Art. 24):
    “国有建设用地使用权人违反法律法规规定和合同约定、划拨决定书规定恶意囤地、炒地的，依照本办法规定处理完毕前，市、县国土资源主管部门不得受理该国有建设用地使用权人新的用地申请，不得办理被认定为闲置土地的转让、出租、抵押和变更登记。”
    Gloss: until the case is closed, a holder found to hoard or speculate in land
    maliciously may not be given new land, and its idle parcel may not be transferred,
    leased, mortgaged or re-registered (L12). Idle status alone is not hoarding.

    @IL-ART24-HOARDING @IL-ART14-2-RECLAIM @IL-ART26-SHARE
    Example: a determined hoarder: share and block new land now; the reclaim is in prospect
      Given a parcel agreed to start on 2010-05-20
      And the investigation notice was issued on 2012-07-05
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      And the holder was found to hoard land maliciously
      When it is evaluated as of 2012-08-31
      Then the steps now are NOTIFY_HEARING_RIGHT, SHARE_WITH_FINANCIAL_REGULATORS, BLOCK_NEW_LAND
      And in prospect is RECLAIM_LAND
      And BLOCK_NEW_LAND cites Order 53 Art. 24

    @IL-ART24-HOARDING
    Example: a hoarder at the first step: the block comes with the investigation
      Given a parcel agreed to start on 2011-03-15
      And the holder was found to hoard land maliciously
      When it is evaluated as of 2012-08-31
      Then the steps now are INVESTIGATE, BLOCK_NEW_LAND
      And in prospect is CHARGE_IDLE_FEE

  Rule: the speech — every disposal opinion goes to the city land-resources bureau and the district government; the decision is the land department's, after approval

    区委书记在2012年重点项目调度会上的讲话，二.3 (district speech 2012, section 二.3; quoted from
    the seed text in Traditional characters, its pinyin marks removed), with Order 53 Arts. 4, 13 and 14:
    “針對閑置時間超過1年以上的地塊,國土分局要嚴格按照國土資源部今年7月1日頒布實施的《閑置土地處置辦法》,提出處置意見上報市國土資源局和區政府,根據閑置時長依法收回或征收閑置費。針對閑置時間未超過1年的地塊,認真分析研判,積極創造條件,力推盡早開工。”
    “市、县国土资源主管部门负责本行政区域内闲置土地的调查认定和处置工作的组织实施。”
    Gloss (decisions.md L11): for land idle over a year the land sub-bureau puts forward a
    disposal opinion and reports it to the city land-resources bureau and the district
    government, once the procedure reaches the decision: that route stands, as the step
    before. The decision itself is the city or county land department's, issued only after
    approval: the fee after approval by the same-level government (Art. 14(1)), the reclaim
    after approval by the government holding approval authority (Art. 14(2)), a negotiated
    plan after approval by the same-level government (Arts. 12-13). Land not yet idle is
    pushed to start early (L4).

    @IL-ART14-1-FEE @IL-ART14-2-RECLAIM @IL-ART12-NEGOTIATE
    Scenario Outline: each kind of disposal, once decided, is reported to both, and names who approves it and who issues it
      Given a parcel agreed to start on <start>
      And its "cause" is "<cause>"
      And its "cause_verified" is "<verified>"
      And the investigation notice was issued on 2012-07-02
      And the idle-land determination was issued on 2012-08-10
      And the determination was published on 2012-08-13
      And it is filed in the land-market monitoring system
      And the holder was told in writing of the right to a hearing on 2012-08-20
      When it is evaluated as of 2012-08-31
      Then the steps now include REPORT_DISPOSAL_OPINION, <disposal>
      And REPORT_DISPOSAL_OPINION is addressed to city land-resources bureau and district government
      And REPORT_DISPOSAL_OPINION cites District speech 2012 §2.3
      And <disposal> is approved by <approver> and issued by the city or county land-resources department

      Examples: the idle fee
        | start      | cause  | verified | disposal        | approver                                |
        | 2011-03-15 | holder | false    | CHARGE_IDLE_FEE | the people's government at the same level |

      Examples: the reclaim
        | start      | cause  | verified | disposal     | approver                                            |
        | 2010-05-20 | holder | false    | RECLAIM_LAND | the people's government holding approval authority |

      Examples: the negotiation
        | start      | cause      | verified | disposal           | approver                                |
        | 2011-03-15 | government | true     | NEGOTIATE_DISPOSAL | the people's government at the same level |

    @IL-ART14-1-FEE @IL-ART14-2-RECLAIM @IL-ART12-NEGOTIATE
    Scenario Outline: before the decision no opinion is reported; the disposal is in prospect and already names who will approve it
      Given a parcel agreed to start on <start>
      And its "cause" is "<cause>"
      And its "cause_verified" is "<verified>"
      When it is evaluated as of 2012-08-31
      Then the steps now do not include REPORT_DISPOSAL_OPINION
      And in prospect is <disposal>
      And <disposal> is approved by <approver> and issued by the city or county land-resources department

      Examples:
        | start      | cause      | verified | disposal           | approver                                            |
        | 2011-03-15 | holder     | false    | CHARGE_IDLE_FEE    | the people's government at the same level           |
        | 2010-05-20 | holder     | false    | RECLAIM_LAND       | the people's government holding approval authority |
        | 2011-03-15 | government | true     | NEGOTIATE_DISPOSAL | the people's government at the same level           |

    @IL-ART2-NOT-YET-DUE @IL-ART2-OVERDUE @IL-ART2-IDLE @IL-ART14-1-FEE @IL-ART14-2-RECLAIM
    Example: the speech's groups: idle over a year goes to disposal, under a year is urged to start
      Given a parcel "P-A" agreed to start on 2012-03-01
      And a parcel "P-B" agreed to start on 2011-03-15
      And a parcel "P-C" agreed to start on 2010-05-20
      And a parcel "P-D" agreed to start on 2012-10-01
      When the parcels are evaluated as of 2012-08-31
      Then parcel "P-A" is "overdue"
      And parcel "P-B" is "idle"
      And parcel "P-C" is "idle"
      And parcel "P-D" is "not_yet_due"
      And the steps now for "P-A" are URGE_START
      And the steps now for "P-B" are INVESTIGATE
      And in prospect for "P-B" is CHARGE_IDLE_FEE
      And the steps now for "P-C" are INVESTIGATE
      And in prospect for "P-C" is RECLAIM_LAND

  Rule: L15 — facts that contradict each other are refused, not judged

    Not an article: decisions.md L15, with Order 53 Arts. 2 ¶2, 5, 9, 13 ¶2 and 14. A row whose
    facts contradict each other is refused as bad input, naming the row and the column, and
    nothing is decided: a fee levied before the parcel became idle (counted from the start
    date before any supplementary agreement), a determination before the investigation
    notice, a mortgaged parcel with no mortgagee named. A holder's cause marked verified is
    still the holder's cause: it does not hold back the fee. The shares of Art. 2 ¶2 may be
    given as the amounts they come from — developed and total area, invested and total
    investment — so that exactly one third is exact; a share typed already rounded (0.33,
    0.3333 for one third) is refused where its rounding decides whether the parcel is
    under the threshold, and taken as written where it does not.

    Example: a fee levied the day before the parcel became idle (2012-08-16) is refused
      Given a parcel agreed to start on 2011-08-15
      And the idle fee was levied on 2012-08-15
      When it is evaluated as of 2012-09-30
      Then the input is refused at row 2, column "fee_levied_on", value "2012-08-15"

    @IL-ART2-IDLE
    Example: a fee levied on the first idle day stands, and is not levied again
      Given a parcel agreed to start on 2011-08-15
      And the idle fee was levied on 2012-08-16
      When it is evaluated as of 2012-09-30
      Then its status is "idle"
      And the actions do not include CHARGE_IDLE_FEE

    Example: the refusal says from when a fee could be levied
      Given a parcel agreed to start on 2011-08-15
      And the idle fee was levied on 2012-08-15
      When it is evaluated as of 2012-09-30
      Then the refusal reads "a date on or after 2012-08-16, the day the parcel became idle"

    Example: a determination before the investigation notice is refused
      Given a parcel agreed to start on 2011-03-15
      And the investigation notice was issued on 2012-08-01
      And the idle-land determination was issued on 2012-07-01
      When it is evaluated as of 2012-08-31
      Then the input is refused at row 2, column "determination_on", value "2012-07-01"

    Example: a mortgaged parcel with no mortgagee named is refused
      Given a parcel agreed to start on 2011-03-15
      And its "mortgaged" is "true"
      When it is evaluated as of 2012-08-31
      Then the refusal reads "row 2, column 'mortgagee'"
      And the refusal reads "the mortgagee's name for a mortgaged parcel"

    @IL-ART14-1-FEE
    Example: the holder's cause marked verified does not hold back the fee
      Given a parcel agreed to start on 2011-03-15
      And its "cause" is "holder"
      And its "cause_verified" is "true"
      When it is evaluated as of 2012-08-31
      Then in prospect is CHARGE_IDLE_FEE
      And the actions do not include VERIFY_CAUSE
      And nothing is suppressed

    @IL-ART2-COMPLIANT @IL-ART2-STALLED
    Scenario Outline: a share given as amounts is exact: one third of the area is not under one third
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with <developed> of 3,000 square metres developed and 5,000,000 of 10,000,000 yuan invested
      When it is evaluated as of 2013-04-01
      Then its status is "<status>"

      Examples: exactly one third
        | developed | status    |
        | 1,000     | compliant |

      Examples: a hundredth of a square metre under
        | developed | status  |
        | 999.99    | stalled |

    Scenario Outline: a share typed as one third rounded is refused where it decides the boundary
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with <developed> of the area developed and 0.5 of the investment made
      When it is evaluated as of 2013-04-01
      Then the input is refused at row 2, column "developed_ratio", value "<developed>"
      And the refusal reads "give developed_area and total_area instead"

      Examples:
        | developed |
        | 0.33      |
        | 0.3333    |

    @IL-ART2-STALLED @IL-ART2-COMPLIANT
    Scenario Outline: a rounded share that decides nothing is taken as written
      Given a parcel agreed to start on 2011-06-01
      And it started on 2011-09-01
      And it halted on 2012-03-15 with 0.3333 of the area developed and <invested> of the investment made
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples: under 25% invested anyway: stalled whatever the third
        | invested | as_of      | status  |
        | 0.1      | 2013-04-01 | stalled |

      Examples: halted under a full year: nothing is decided by the shares yet
        | invested | as_of      | status    |
        | 0.5      | 2013-03-15 | compliant |

  Rule: Art. 32 — Order 53 is in force from 2012-07-01

    《闲置土地处置办法》第三十二条 (Order 53 Art. 32):
    “本办法自2012年7月1日起施行。”
    Gloss: the measures apply from 1 July 2012. Nothing is decided as of an earlier date:
    the rules in force before it are not encoded, and the run says so.

    Scenario Outline: an evaluation date before 2012-07-01 is refused
      Given a parcel agreed to start on 2011-06-30
      When it is evaluated as of <as_of>
      Then the evaluation is refused because no rule is in force on <as_of>

      Examples:
        | as_of      |
        | 2012-06-30 |

    @IL-ART2-IDLE @IL-ART14-1-FEE
    Example: on 2012-07-01 itself the measures apply: a start date of 2011-06-30 is idle from that day
      Given a parcel agreed to start on 2011-06-30
      When it is evaluated as of 2012-07-01
      Then its status is "idle"
      And the actions include CHARGE_IDLE_FEE
      And INVESTIGATE is due on 2012-07-31

  Rule: input the engine cannot read is refused, never guessed

    Not an article: decisions.md IO1. A row that fails validation is reported with its row,
    column and value and what was expected; nothing is decided and nothing is written. The
    report is in the output language (IO2); column names and values are never translated.

    Scenario Outline: a bad cell names its row, column and value
      Given a parcel agreed to start on 2011-03-15
      And its "<column>" is "<value>"
      When it is evaluated as of 2012-08-31
      Then the input is refused at row 2, column "<column>", value "<value>"

      Examples:
        | column          | value      |
        | price           | abc        |
        | agreed_start    | 2013-02-29 |

    Example: a bad second parcel is named by its row, and the good one is not decided either
      Given a parcel "P1" agreed to start on 2011-03-15
      And a parcel "P2" agreed to start on 2011-03-15
      And its "price" is "12,345.678"
      When the parcels are evaluated as of 2012-08-31
      Then the input is refused at row 3, column "price", value "12,345.678"

    Scenario Outline: the refusal is written in the output language; column and value stay as written
      Given a parcel agreed to start on 2011-03-15
      And its "price" is "abc"
      When it is evaluated as of 2012-08-31 in <lang>
      Then the refusal reads "<heading>"
      And the refusal reads "<problem>"

      Examples:
        | lang    | heading                               | problem                                                                                              |
        | English | 1 input problem; nothing was written: | row 2, column 'price': got 'abc', expected an amount in yuan such as 38600000, 1,250,000.50, 3860万元, 3860万 or 0.386亿元 |
        | Chinese | 输入有 1 处问题，未写出任何结果：     | 第 2 行，列 'price'：值 'abc'，应为以元计的金额，如 38600000、1,250,000.50、3860万元、3860万 或 0.386亿元             |
