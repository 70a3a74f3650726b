# 中文标题：规则解释：某条规则为何适用、为何不适用
# 中文说明：`comply explain` 回答审计人员对某一地块或项目的提问：这条规则为何适用，那条为何不适用。它逐条列出该对象所属规则库的每条规则及其名称、法律依据和判定结论（适用、不适用、无法判定、该日期尚未施行、被例外规则排除），并逐项列出所读取的事实值、阈值及其参数和来源。解释与引擎运行的是同一套规则数据。
Feature: Explanations: why a rule applied, and why not

  `comply explain KIND FILE SUBJECT --as-of DATE [--lang zh] [--rule ID]` answers an
  auditor's question about one parcel or project: why did this rule apply to it, and why
  did that one not? It lists every rule of the subject's rulebook, each with its title, its
  legal basis and a verdict line:

  - → fired (→ 适用): every condition held;
  - → does not apply (→ 不适用): a condition failed, marked ✗;
  - → not decidable: the subject has no value for ... (→ 无法判定：本对象没有以下事实 ...): a fact the rule
  reads is absent, marked ?;
  - → not in force on this date (→ 该日期尚未施行): the rule takes effect later;
  - → applies, but is set aside by an exception (X) (→ 适用，但被例外规则排除 (X)): its
  conditions hold, but rule X, which names it as its exception, applies too.

  An intake criterion says instead whether it is met ("large scale: met", "规模大: 达标").

  Under the verdict, each condition is one line marked ✓ (held), ✗ (failed) or ? (not
  known), reading "fact: value OP threshold", and where the threshold is a parameter, the
  parameter's name and its source: "full years past the start date, not started: 1 ≥ 2
  (reclaim_after_years: Order 53 Art. 14(2) ...)". Groups of conditions read "all of:" /
  "any of:" (同时满足 / 满足其一). The heading gives the subject, the evaluation date and the
  status the engine decided.

  The explanation is computed from the same rule data the engine runs, so what it calls
  applying is what the engine decided. For a budget log the rules are explained as they
  stand on the evaluation date; findings about earlier events (a late report, a referral,
  construction resumed without approval) are listed after the rules, with their dates and
  the rule that made them. In Chinese an action is named in words with its code beside it,
  never translated (征缴土地闲置费（CHARGE_IDLE_FEE，预期处置）), and a parameter's source is
  given in its Chinese text.

  Each scenario below builds one subject, runs the real command in English and in Chinese,
  and reads the text an official would read. The rule-id tags say which rules it explains.

  Rule: idle land (Order 53) — each status is the rule that fired, and each step says why or why not

    @IL-ART2-NOT-YET-DUE @IL-ART2-OVERDUE
    Scenario Outline: a parcel whose start date has not passed is not yet due: it is not overdue because no day has passed
      Given an explained parcel agreed to start on 2012-09-15
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of IL-ART2-NOT-YET-DUE reads "<fired>"
      And the explanation of IL-ART2-NOT-YET-DUE shows ✓ "<days_held>"
      And the explanation of IL-ART2-OVERDUE reads "<not>"
      And the explanation of IL-ART2-OVERDUE shows ✗ "<days_failed>"

      Examples:
        | lang    | heading                                  | fired | not            | days_held                                    | days_failed                                  |
        | English | P-EX-1 as of 2012-08-31: not yet due     | fired | does not apply | days past the start date that counts: -15 ≤ 0 | days past the start date that counts: -15 > 0 |
        | Chinese | P-EX-1，评估日期 2012-08-31：未到动工期限 | 适用  | 不适用         | 超过动工开发日期的天数：-15 ≤ 0               | 超过动工开发日期的天数：-15 > 0               |

    @IL-ART2-OVERDUE @IL-ART2-IDLE
    Scenario Outline: overdue land is urged to start (URGE_START); it is not idle, not being a full year past its start date
      Given an explained parcel agreed to start on 2012-03-01
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of IL-ART2-OVERDUE reads "<fired>"
      And the explanation of IL-ART2-OVERDUE shows ✓ "<under_a_year>"
      And the explanation of IL-ART2-IDLE reads "<not>"
      And the explanation of IL-ART2-IDLE shows ✗ "<not_a_year>"

      Examples:
        | lang    | heading                                  | fired | not            | under_a_year                                                            | not_a_year                                                              |
        | English | P-EX-1 as of 2012-08-31: overdue         | fired | does not apply | full years past the start date, not started: 0 < 1 (idle_after_years: Order 53 Art. 2 ¶1 | full years past the start date, not started: 0 ≥ 1 (idle_after_years: Order 53 Art. 2 ¶1 |
        | Chinese | P-EX-1，评估日期 2012-08-31：逾期未动工   | 适用  | 不适用         | 未动工开发满年数：0 < 1（idle_after_years：《闲置土地处置办法》第二条第一款           | 未动工开发满年数：0 ≥ 1（idle_after_years：《闲置土地处置办法》第二条第一款           |

    @IL-ART2-IDLE @IL-ART2-OVERDUE @IL-ART5-INVESTIGATE @IL-ART25-FILE @IL-ART14-1-FEE @IL-ART14-2-RECLAIM @IL-ART9-DETERMINE @IL-ART24-HOARDING
    Scenario Outline: idle a full year for the holder's cause: investigate now, the fee in prospect; not yet filed, reclaimed or determined
      The fee rule applies: its prospect is CHARGE_IDLE_FEE, and its own conditions say why
      the fee is not yet a step (the procedure has not reached the decision). The reclaim
      rule does not apply because the land is not two full years idle; the determination
      waits for the investigation notice, and the filing for the determination.

      Given an explained parcel agreed to start on 2011-03-01
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of IL-ART2-IDLE reads "<fired>"
      And the explanation of IL-ART2-OVERDUE shows ✗ "<a_full_year>"
      And the explanation of IL-ART5-INVESTIGATE reads "<fired>"
      And the explanation of IL-ART25-FILE reads "<not>"
      And the explanation of IL-ART25-FILE shows ✗ "<undetermined>"
      And the explanation of IL-ART14-1-FEE reads "<fired>"
      And the explanation of IL-ART14-1-FEE shows ✓ "<not_two_years>"
      And the explanation of IL-ART14-1-FEE shows ✓ "<no_fee_yet>"
      And the explanation of IL-ART14-1-FEE lists "<prospect>"
      And the explanation of IL-ART14-2-RECLAIM reads "<not>"
      And the explanation of IL-ART14-2-RECLAIM shows ✗ "<two_years>"
      And the explanation of IL-ART9-DETERMINE reads "<not>"
      And the explanation of IL-ART9-DETERMINE shows ✗ "<no_notice>"
      And the explanation of IL-ART24-HOARDING reads "<not>"
      And the explanation of IL-ART24-HOARDING shows ✗ "<no_hoarding>"

      Examples:
        | lang    | heading                            | fired | not            | a_full_year                                                             | undetermined                                      | not_two_years                                                             | no_fee_yet                        | prospect                          | two_years                                                                 | no_notice                                  | no_hoarding                                            |
        | English | P-EX-1 as of 2012-08-31: idle      | fired | does not apply | full years past the start date, not started: 1 < 1 (idle_after_years     | the idle-land determination was issued: no = yes | full years past the start date, not started: 1 < 2 (reclaim_after_years: Order 53 Art. 14(2) | the idle-land fee was levied: no = no | CHARGE_IDLE_FEE (in prospect)     | full years past the start date, not started: 1 ≥ 2 (reclaim_after_years: Order 53 Art. 14(2) | an investigation notice was issued: no = yes | the holder was found to hoard land maliciously: no = yes |
        | Chinese | P-EX-1，评估日期 2012-08-31：闲置   | 适用  | 不适用         | 未动工开发满年数：1 < 1（idle_after_years                                | 已下达认定书：否 = 是                               | 未动工开发满年数：1 < 2（reclaim_after_years：《闲置土地处置办法》第十四条第（二）项          | 已征缴土地闲置费：否 = 否          | 征缴土地闲置费（CHARGE_IDLE_FEE，预期处置） | 未动工开发满年数：1 ≥ 2（reclaim_after_years：《闲置土地处置办法》第十四条第（二）项          | 已发出调查通知书：否 = 是                    | 恶意囤地、炒地：否 = 是                                  |

    @IL-ART14-2-RECLAIM @IL-ART14-1-FEE
    Scenario Outline: two full years idle: the land is reclaimed (RECLAIM_LAND, COPY_TO_MORTGAGEE), and the one-year fee no longer applies
      Given an explained parcel agreed to start on 2010-03-01
      And the explained parcel is mortgaged
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation of IL-ART14-2-RECLAIM reads "<fired>"
      And the explanation of IL-ART14-2-RECLAIM shows ✓ "<two_years>"
      And the explanation of IL-ART14-1-FEE reads "<not>"
      And the explanation of IL-ART14-1-FEE shows ✗ "<under_two>"

      Examples:
        | lang    | fired | not            | two_years                                                                 | under_two                                                                 |
        | English | fired | does not apply | full years past the start date, not started: 2 ≥ 2 (reclaim_after_years   | full years past the start date, not started: 2 < 2 (reclaim_after_years   |
        | Chinese | 适用  | 不适用         | 未动工开发满年数：2 ≥ 2（reclaim_after_years                               | 未动工开发满年数：2 < 2（reclaim_after_years                               |

    @IL-ART8-VERIFY-CAUSE @IL-ART14-1-FEE @IL-ART12-NEGOTIATE
    Scenario Outline: a government cause claimed but not verified: verify it first (VERIFY_CAUSE); the fee is set aside, and no negotiation yet
      Given an explained parcel agreed to start on 2011-03-01
      And the explained parcel's holder claims a government cause, not yet verified
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation of IL-ART8-VERIFY-CAUSE reads "<fired>"
      And the explanation of IL-ART8-VERIFY-CAUSE shows ✓ "<government>"
      And the explanation of IL-ART14-1-FEE reads "<set_aside>"
      And the explanation of IL-ART12-NEGOTIATE reads "<not>"
      And the explanation of IL-ART12-NEGOTIATE shows ✗ "<unverified>"

      Examples:
        | lang    | fired | not            | set_aside                                                             | government                                 | unverified                                 |
        | English | fired | does not apply | applies, but is set aside by an exception (IL-ART8-VERIFY-CAUSE)      | cause of the delay: government = government | the cause was verified (Art. 8): no = yes  |
        | Chinese | 适用  | 不适用         | 适用，但被例外规则排除 (IL-ART8-VERIFY-CAUSE)                          | 闲置原因：government = government           | 原因经审核属实：否 = 是                      |

    @IL-ART12-NEGOTIATE @IL-ART14-1-FEE @IL-ART8-VERIFY-CAUSE
    Scenario Outline: a verified government cause: the land is disposed of by negotiation (NEGOTIATE_DISPOSAL, NOTIFY_MORTGAGEE), and the fee is set aside
      The fee rule's own conditions all hold — the land is a full year idle and no fee was
      levied — so the explanation says it applies; it is the negotiation rule, naming the
      fee as its exception, that sets it aside.

      Given an explained parcel agreed to start on 2011-03-01
      And the explained parcel's government cause is verified
      And the explained parcel is mortgaged
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation of IL-ART12-NEGOTIATE reads "<fired>"
      And the explanation of IL-ART12-NEGOTIATE shows ✓ "<verified>"
      And the explanation of IL-ART14-1-FEE reads "<set_aside>"
      And the explanation of IL-ART14-1-FEE shows ✓ "<a_year>"
      And the explanation of IL-ART8-VERIFY-CAUSE reads "<not>"
      And the explanation of IL-ART8-VERIFY-CAUSE shows ✗ "<not_unverified>"

      Examples:
        | lang    | fired | not            | set_aside                                                        | verified                                   | a_year                                                                   | not_unverified                             |
        | English | fired | does not apply | applies, but is set aside by an exception (IL-ART12-NEGOTIATE)   | the cause was verified (Art. 8): yes = yes | full years past the start date, not started: 1 ≥ 1 (idle_after_years     | the cause was verified (Art. 8): yes = no  |
        | Chinese | 适用  | 不适用         | 适用，但被例外规则排除 (IL-ART12-NEGOTIATE)                        | 原因经审核属实：是 = 是                      | 未动工开发满年数：1 ≥ 1（idle_after_years                                 | 原因经审核属实：是 = 否                      |

    @IL-ART14-1-FEE
    Scenario Outline: asked about one rule only, the explanation shows that rule alone
      Given an explained parcel agreed to start on 2011-03-01
      And the explained parcel's government cause is verified
      When comply explains only IL-ART14-1-FEE for the parcel as of 2012-08-31 in <lang>
      Then the explanation shows no rule but IL-ART14-1-FEE
      And the explanation of IL-ART14-1-FEE reads "<set_aside>"

      Examples:
        | lang    | set_aside                                                      |
        | English | applies, but is set aside by an exception (IL-ART12-NEGOTIATE) |
        | Chinese | 适用，但被例外规则排除 (IL-ART12-NEGOTIATE)                      |

    @IL-ART5-INVESTIGATE @IL-ART9-DETERMINE @IL-ART26-SHARE
    Scenario Outline: once the investigation notice is issued, the next step is the determination (DETERMINE_IDLE); nothing goes to the regulators before it
      Given an explained parcel agreed to start on 2011-03-01
      And the explained parcel's investigation notice was issued on 2012-07-20
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation of IL-ART5-INVESTIGATE reads "<not>"
      And the explanation of IL-ART5-INVESTIGATE shows ✗ "<noticed>"
      And the explanation of IL-ART9-DETERMINE reads "<fired>"
      And the explanation of IL-ART9-DETERMINE shows ✓ "<notice_held>"
      And the explanation of IL-ART26-SHARE reads "<not>"
      And the explanation of IL-ART26-SHARE shows ✗ "<undetermined>"

      Examples:
        | lang    | fired | not            | noticed                                      | notice_held                                   | undetermined                                      |
        | English | fired | does not apply | an investigation notice was issued: yes = no | an investigation notice was issued: yes = yes | the idle-land determination was issued: no = yes |
        | Chinese | 适用  | 不适用         | 已发出调查通知书：是 = 否                      | 已发出调查通知书：是 = 是                       | 已下达认定书：否 = 是                               |

    @IL-ART26-SHARE @IL-ART24-HOARDING @IL-ART9-DETERMINE @IL-ART25-FILE
    Scenario Outline: determined, filed, and its holder found hoarding: inform the regulators (SHARE_WITH_FINANCIAL_REGULATORS) and block new land (BLOCK_NEW_LAND)
      Given an explained parcel agreed to start on 2011-03-01
      And the explained parcel's investigation notice was issued on 2012-07-20
      And the explained parcel's idle-land determination was issued on 2012-08-25
      And the explained parcel is filed in the land-market monitoring system
      And the explained parcel's holder was found to hoard land maliciously
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation of IL-ART26-SHARE reads "<fired>"
      And the explanation of IL-ART26-SHARE shows ✓ "<determined>"
      And the explanation of IL-ART24-HOARDING reads "<fired>"
      And the explanation of IL-ART24-HOARDING shows ✓ "<hoarding>"
      And the explanation of IL-ART9-DETERMINE reads "<not>"
      And the explanation of IL-ART9-DETERMINE shows ✗ "<already>"
      And the explanation of IL-ART25-FILE reads "<not>"
      And the explanation of IL-ART25-FILE shows ✗ "<filed>"

      Examples:
        | lang    | fired | not            | determined                                        | hoarding                                                 | already                                          | filed                                                   |
        | English | fired | does not apply | the idle-land determination was issued: yes = yes | the holder was found to hoard land maliciously: yes = yes | the idle-land determination was issued: yes = no | filed in the land-market monitoring system: yes = no    |
        | Chinese | 适用  | 不适用         | 已下达认定书：是 = 是                               | 恶意囤地、炒地：是 = 是                                    | 已下达认定书：是 = 否                              | 已录入监测监管系统：是 = 否                               |

    @IL-ART2-STALLED @IL-ART12-3-STALLED @IL-ART2-COMPLIANT @IL-ART14-1-FEE
    Scenario Outline: started, a fifth developed, halted a full year: stalled, disposed of by negotiation, never by the fee
      Order 53 Art. 2 ¶2 needs under a third developed OR under a quarter invested: here the
      developed share holds (0.2 < 1/3) though the investment share does not (3/10 is not
      under 1/4), and the "any of" group holds.

      Given an explained parcel agreed to start on 2010-03-01
      And the explained parcel started on 2010-06-01
      And the explained parcel halted on 2011-05-01, 0.2 of its area developed and 0.3 of its investment made
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of IL-ART2-STALLED reads "<fired>"
      And the explanation of IL-ART2-STALLED shows ✓ "<developed>"
      And the explanation of IL-ART2-STALLED shows ✗ "<invested>"
      And the explanation of IL-ART12-3-STALLED reads "<fired>"
      And the explanation of IL-ART2-COMPLIANT reads "<not>"
      And the explanation of IL-ART14-1-FEE reads "<not>"
      And the explanation of IL-ART14-1-FEE shows ✗ "<started>"

      Examples:
        | lang    | heading                               | fired | not            | developed                                                                      | invested                                                              | started                                          |
        | English | P-EX-1 as of 2012-08-31: stalled      | fired | does not apply | developed share of the area to develop: 0.2 < 1/3 (stalled_developed_under     | share of total investment made: 0.3 < 0.25 (stalled_invested_under    | development has started (Art. 30): yes = no      |
        | Chinese | P-EX-1，评估日期 2012-08-31：中止开发  | 适用  | 不适用         | 已开发面积占比：0.2 < 1/3（stalled_developed_under                              | 已投资额占比：0.3 < 0.25（stalled_invested_under                       | 已动工开发：是 = 否                                |

    @IL-ART2-COMPLIANT @IL-ART2-STALLED @IL-ART12-3-STALLED
    Scenario Outline: started and never halted: compliant; not stalled, because development never halted
      The shares developed and invested are not known, and need not be: the halt already
      fails, so the stalled rule does not apply, and the compliant rule holds on "any of".

      Given an explained parcel agreed to start on 2010-03-01
      And the explained parcel started on 2010-06-01
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of IL-ART2-COMPLIANT reads "<fired>"
      And the explanation of IL-ART2-COMPLIANT shows ✓ "<never_halted>"
      And the explanation of IL-ART2-STALLED reads "<not>"
      And the explanation of IL-ART2-STALLED shows ✗ "<not_halted>"
      And the explanation of IL-ART2-STALLED shows ? "<share_unknown>"
      And the explanation of IL-ART12-3-STALLED reads "<not>"
      And the explanation of IL-ART12-3-STALLED shows ✗ "<not_halted>"

      Examples:
        | lang    | heading                            | fired | not            | never_halted                                 | not_halted                                    | share_unknown                                                     |
        | English | P-EX-1 as of 2012-08-31: compliant | fired | does not apply | development halted after starting: no = no   | development halted after starting: no = yes   | developed share of the area to develop: not known < 1/3           |
        | Chinese | P-EX-1，评估日期 2012-08-31：合规   | 适用  | 不适用         | 已中止开发建设：否 = 否                        | 已中止开发建设：否 = 是                         | 已开发面积占比：未知 < 1/3                                         |

    @IL-ART12-1-EXTENSION-LIMIT
    Scenario Outline: a supplementary agreement may set a start date one year after its signing at most (REVIEW_EXTENSION beyond it)
      Counted from the signing, as L1 counts a year: a new start date on the signing's
      anniversary, 2013-03-01, is allowed (0 full years); a day later is one full year, and
      is reviewed. The start date it replaces, 2011-03-01, does not count.

      Given an explained parcel agreed to start on 2011-03-01
      And the explained parcel's start date was moved to <moved_to> by a supplementary agreement signed on 2012-03-01
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation of IL-ART12-1-EXTENSION-LIMIT reads "<verdict>"
      And the explanation of IL-ART12-1-EXTENSION-LIMIT shows <mark> "<extension>"

      Examples:
        | lang    | moved_to   | verdict        | mark | extension                                                                      |
        | English | 2013-03-02 | fired          | ✓    | full years from signing the supplementary agreement to the start date it set: 1 ≥ 1 (extension_max_years: Order 53 Art. 12(1) |
        | Chinese | 2013-03-02 | 适用           | ✓    | 补充协议签订之日至其约定动工开发日期的满年数：1 ≥ 1（extension_max_years                       |
        | English | 2013-03-01 | does not apply | ✗    | full years from signing the supplementary agreement to the start date it set: 0 ≥ 1 (extension_max_years |
        | Chinese | 2013-03-01 | 不适用         | ✗    | 补充协议签订之日至其约定动工开发日期的满年数：0 ≥ 1（extension_max_years                       |

    @IL-ART12-1-EXTENSION-LIMIT
    Scenario Outline: with no supplementary agreement, the extension limit is not decidable: the fact it reads is marked ?
      A parcel with no supplementary agreement has no extension to measure: the rule reads a
      fact the parcel does not have. The engine does not apply the rule; the explanation
      calls it not decidable and marks the absent fact ?. (No valid input leaves a fact
      missing that a rule truly needs: a halted parcel, for one, must give both shares.)

      Given an explained parcel agreed to start on 2011-03-01
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation of IL-ART12-1-EXTENSION-LIMIT reads "<verdict>"
      And the explanation of IL-ART12-1-EXTENSION-LIMIT shows ? "<extension>"

      Examples:
        | lang    | verdict                                   | extension                                                                      |
        | English | not decidable: the subject has no value for full years from signing the supplementary agreement to the start date it set | full years from signing the supplementary agreement to the start date it set: not known ≥ 1 (extension_max_years |
        | Chinese | 无法判定：本对象没有以下事实补充协议签订之日至其约定动工开发日期的满年数 | 补充协议签订之日至其约定动工开发日期的满年数：未知 ≥ 1（extension_max_years                     |

    @IL-ART2-STARTED-AFTER-IDLE @IL-ART2-COMPLIANT @IL-ART14-1-FEE-LATE-START @IL-ART14-2-REVIEW-RECLAIM @IL-ART14-1-FEE
    Scenario Outline: started only after two full years idle: started after becoming idle, the fee still due, the reclaim referred to review (L13)
      The parcel's start date was 2010-03-01; it started on 2012-06-01, two full years
      later. It is not compliant: it was idle, for the holder's cause, when it started. The
      fee rule for unstarted land does not apply (the land has started); the rule for a late
      start does, and yields the fee, in prospect, and the review of the reclaim.

      Given an explained parcel agreed to start on 2010-03-01
      And the explained parcel started on 2012-06-01
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of IL-ART2-STARTED-AFTER-IDLE reads "<fired>"
      And the explanation of IL-ART2-STARTED-AFTER-IDLE shows ✓ "<two_years_late>"
      And the explanation of IL-ART2-COMPLIANT reads "<not>"
      And the explanation of IL-ART2-COMPLIANT shows ✗ "<in_time>"
      And the explanation of IL-ART14-1-FEE-LATE-START reads "<fired>"
      And the explanation of IL-ART14-1-FEE-LATE-START shows ✓ "<no_fee_yet>"
      And the explanation of IL-ART14-1-FEE-LATE-START lists "<prospect>"
      And the explanation of IL-ART14-2-REVIEW-RECLAIM reads "<fired>"
      And the explanation of IL-ART14-2-REVIEW-RECLAIM shows ✓ "<reclaim_due>"
      And the explanation of IL-ART14-1-FEE reads "<not>"
      And the explanation of IL-ART14-1-FEE shows ✗ "<started>"

      Examples:
        | lang    | heading                                         | fired | not            | two_years_late                                                              | in_time                                                                     | no_fee_yet                            | prospect                      | reclaim_due                                                                              | started                                     |
        | English | P-EX-1 as of 2012-08-31: started after becoming idle | fired | does not apply | full years past the start date when development started: 2 ≥ 1 (idle_after_years | full years past the start date when development started: 2 < 1 (idle_after_years | the idle-land fee was levied: no = no | CHARGE_IDLE_FEE (in prospect) | full years past the start date when development started: 2 ≥ 2 (reclaim_after_years | development has started (Art. 30): yes = no |
        | Chinese | P-EX-1，评估日期 2012-08-31：闲置后动工           | 适用  | 不适用         | 动工开发时已超过动工开发日期的满年数：2 ≥ 1（idle_after_years                 | 动工开发时已超过动工开发日期的满年数：2 < 1（idle_after_years                 | 已征缴土地闲置费：否 = 否              | 征缴土地闲置费（CHARGE_IDLE_FEE，预期处置） | 动工开发时已超过动工开发日期的满年数：2 ≥ 2（reclaim_after_years                           | 已动工开发：是 = 否                           |

    @IL-ART2-STARTED-AFTER-IDLE @IL-ART14-1-FEE-LATE-START
    Scenario Outline: started after becoming idle, the fee already levied: the status stays, the fee is not levied again
      Given an explained parcel agreed to start on 2011-03-01
      And the explained parcel started on 2012-07-20
      And the explained parcel's fee was levied on 2012-07-10
      When comply explains the parcel as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of IL-ART14-1-FEE-LATE-START reads "<not>"
      And the explanation of IL-ART14-1-FEE-LATE-START shows ✗ "<levied>"

      Examples:
        | lang    | heading                                              | not            | levied                                 |
        | English | P-EX-1 as of 2012-08-31: started after becoming idle | does not apply | the idle-land fee was levied: yes = no |
        | Chinese | P-EX-1，评估日期 2012-08-31：闲置后动工                | 不适用         | 已征缴土地闲置费：是 = 否                |

  Rule: budget (speech §4.6) — the status and the actions in force are explained as they stand on the evaluation date

    @BUD-B2-WITHIN-BUDGET @BUD-B1-OUT-OF-SCOPE @BUD-B3-UNREPORTED
    Scenario Outline: an estimate within the budget: within budget; not out of scope, no overrun to report
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 9,500,000 yuan on 2012-06-01
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-B2-WITHIN-BUDGET reads "<fired>"
      And the explanation of BUD-B2-WITHIN-BUDGET shows ✓ "<no_overrun>"
      And the explanation of BUD-B1-OUT-OF-SCOPE reads "<not>"
      And the explanation of BUD-B1-OUT-OF-SCOPE shows ✗ "<district>"
      And the explanation of BUD-B3-UNREPORTED reads "<not>"
      And the explanation of BUD-B3-UNREPORTED shows ✗ "<overrun>"

      Examples:
        | lang    | heading                                 | fired | not            | no_overrun                                        | district                                                 | overrun                                            |
        | English | PJ-EX-1 as of 2012-08-31: within budget | fired | does not apply | the estimate exceeds the approved budget: no = no | source of the project's funds: district_fiscal ≠ district_fiscal | the estimate exceeds the approved budget: no = yes |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：未超预算   | 适用  | 不适用         | 估算超出已批准预算：否 = 否                          | 资金来源：district_fiscal ≠ district_fiscal               | 估算超出已批准预算：否 = 是                           |

    @BUD-B3-UNREPORTED @BUD-B4-HALT @BUD-B4-CONTINUED @NAT-GIR-ART23-ADJUST @NAT-GIR-ART34-SUSPEND
    Scenario Outline: an overrun not yet reported: report it (REPORT_OVERRUN), halt (HALT_CONSTRUCTION); building on is a breach (CONSTRUCTION_WITHOUT_APPROVAL); the 2019 national rules are not yet in force
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 11,000,000 yuan on 2012-08-28
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-B3-UNREPORTED reads "<fired>"
      And the explanation of BUD-B3-UNREPORTED shows ✓ "<unreported>"
      And the explanation of BUD-B4-HALT reads "<fired>"
      And the explanation of BUD-B4-CONTINUED reads "<fired>"
      And the explanation of BUD-B4-CONTINUED shows ✓ "<days>"
      And the explanation of NAT-GIR-ART23-ADJUST reads "<not_in_force>"
      And the explanation of NAT-GIR-ART23-ADJUST shows ✗ "<from>"
      And the explanation of NAT-GIR-ART34-SUSPEND reads "<not_in_force>"

      Examples:
        | lang    | heading                                        | fired | not_in_force              | unreported                                                 | days                                                             | from                     |
        | English | PJ-EX-1 as of 2012-08-31: overrun not reported | fired | not in force on this date | the overrun was reported to the district government: no = no | days since the unapproved overrun arose: 3 > 0 (halt_within_days | in force from 2019-07-01 |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：超支未报告        | 适用  | 该日期尚未施行            | 超支已报告区政府：否 = 否                                    | 未经批准超支发生以来的天数：3 > 0（halt_within_days               | 自2019-07-01起施行        |

    @BUD-B4-PENDING @BUD-B3-UNREPORTED @BUD-B6-REJECTED @BUD-B4-HALT @BUD-B4-CONTINUED
    Scenario Outline: reported and suspended: awaiting approval, still halted; nothing left to report, no rejection, no breach since the suspension
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 11,000,000 yuan on 2012-06-01
      And the explained project's overrun was reported to the district government on 2012-06-03
      And the explained project's construction was suspended on 2012-06-04
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-B4-PENDING reads "<fired>"
      And the explanation of BUD-B4-HALT reads "<fired>"
      And the explanation of BUD-B3-UNREPORTED reads "<not>"
      And the explanation of BUD-B3-UNREPORTED shows ✗ "<reported>"
      And the explanation of BUD-B6-REJECTED reads "<not>"
      And the explanation of BUD-B6-REJECTED shows ✗ "<pending>"
      And the explanation of BUD-B4-CONTINUED reads "<not>"
      And the explanation of BUD-B4-CONTINUED shows ✗ "<suspended>"

      Examples:
        | lang    | heading                                              | fired | not            | reported                                                      | pending                                                                 | suspended                                                   |
        | English | PJ-EX-1 as of 2012-08-31: overrun awaiting approval  | fired | does not apply | the overrun was reported to the district government: yes = no | the district government's answer to the reported overrun: pending = rejected | construction was going on just before this event: no = yes |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：超支待审批              | 适用  | 不适用         | 超支已报告区政府：是 = 否                                       | 区政府对超支报告的答复：pending = rejected                                 | 本次事件前正在施工：否 = 是                                    |

    @BUD-B6-REJECTED @BUD-B4-PENDING
    Scenario Outline: the increase rejected: re-scope or resubmit (RESCOPE_OR_RESUBMIT); no longer pending
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 11,000,000 yuan on 2012-06-01
      And the explained project's overrun was reported to the district government on 2012-06-03
      And the explained project's construction was suspended on 2012-06-04
      And the district government rejected the explained project's increase on 2012-07-01
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-B6-REJECTED reads "<fired>"
      And the explanation of BUD-B6-REJECTED shows ✓ "<rejected>"
      And the explanation of BUD-B4-PENDING reads "<not>"
      And the explanation of BUD-B4-PENDING shows ✗ "<not_pending>"

      Examples:
        | lang    | heading                                    | fired | not            | rejected                                                                     | not_pending                                                                 |
        | English | PJ-EX-1 as of 2012-08-31: increase rejected | fired | does not apply | the district government's answer to the reported overrun: rejected = rejected | the district government's answer to the reported overrun: rejected = pending |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：追加被否决     | 适用  | 不适用         | 区政府对超支报告的答复：rejected = rejected                                    | 区政府对超支报告的答复：rejected = pending                                    |

    @BUD-B2-APPROVED @BUD-B2-WITHIN-BUDGET @BUD-B4-HALT @BUD-B6-REJECTED
    Scenario Outline: the increase approved: the budget includes it, so there is no overrun left to halt for or re-scope
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 11,000,000 yuan on 2012-06-01
      And the explained project's overrun was reported to the district government on 2012-06-03
      And the explained project's construction was suspended on 2012-06-04
      And the district government approved an increase of 1,000,000 yuan for the explained project on 2012-07-01
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-B2-APPROVED reads "<fired>"
      And the explanation of BUD-B2-APPROVED shows ✓ "<approved>"
      And the explanation of BUD-B2-WITHIN-BUDGET reads "<not>"
      And the explanation of BUD-B2-WITHIN-BUDGET shows ✗ "<never_approved>"
      And the explanation of BUD-B4-HALT reads "<not>"
      And the explanation of BUD-B4-HALT shows ✗ "<no_overrun>"
      And the explanation of BUD-B6-REJECTED reads "<not>"
      And the explanation of BUD-B6-REJECTED shows ✗ "<no_overrun>"

      Examples:
        | lang    | heading                                     | fired | not            | approved                                                  | never_approved                                          | no_overrun                                         |
        | English | PJ-EX-1 as of 2012-08-31: increase approved | fired | does not apply | the district government approved an increase: yes = yes   | the district government approved an increase: yes = no  | the estimate exceeds the approved budget: no = yes |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：追加已批准     | 适用  | 不适用         | 区政府曾批准追加预算：是 = 是                                | 区政府曾批准追加预算：是 = 否                              | 估算超出已批准预算：否 = 是                           |

    @BUD-B1-OUT-OF-SCOPE @BUD-B2-WITHIN-BUDGET
    Scenario Outline: a project funded by an enterprise is named out of scope (OUT_OF_SCOPE), not passed as within budget
      Given an explained project funded by enterprise, budgeted at 10,000,000 yuan on 2012-03-01
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-B1-OUT-OF-SCOPE reads "<fired>"
      And the explanation of BUD-B1-OUT-OF-SCOPE shows ✓ "<enterprise>"
      And the explanation of BUD-B2-WITHIN-BUDGET reads "<not>"
      And the explanation of BUD-B2-WITHIN-BUDGET shows ✗ "<not_district>"

      Examples:
        | lang    | heading                                | fired | not            | enterprise                                                   | not_district                                            |
        | English | PJ-EX-1 as of 2012-08-31: out of scope | fired | does not apply | source of the project's funds: enterprise ≠ district_fiscal  | source of the project's funds: enterprise = district_fiscal |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：不属适用范围 | 适用  | 不适用         | 资金来源：enterprise ≠ district_fiscal                         | 资金来源：enterprise = district_fiscal                    |

    @BUD-NOT-BUDGETED @BUD-B2-WITHIN-BUDGET
    Scenario Outline: a budget approved after the evaluation date: nothing to judge yet
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-09-10
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-NOT-BUDGETED reads "<fired>"
      And the explanation of BUD-NOT-BUDGETED shows ✓ "<no_budget>"
      And the explanation of BUD-B2-WITHIN-BUDGET reads "<not>"
      And the explanation of BUD-B2-WITHIN-BUDGET shows ✗ "<budget_needed>"

      Examples:
        | lang    | heading                                 | fired | not            | no_budget                                       | budget_needed                                    |
        | English | PJ-EX-1 as of 2012-08-31: no budget yet | fired | does not apply | an engineering budget was approved: no = no     | an engineering budget was approved: no = yes     |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：尚无批准预算 | 适用  | 不适用         | 已批准工程预算：否 = 否                           | 已批准工程预算：否 = 是                            |

    @BUD-B3-LATE-REPORT @BUD-B5-REFER @BUD-B4-RESUMED @BUD-B4-CONTINUED
    Scenario Outline: findings about earlier events are listed with their dates: a late report (LATE_REPORT), a referral (REFER_TO_SUPERVISION), construction resumed without approval
      The estimate of 2012-04-01 put the overrun at 25%, and construction went on after that
      day without approval: a breach of principle 3 at 20% or more, so the referral dates
      from 2012-04-01. The report came 19 days later (more than 5: late), and construction
      resumed on 2012-05-10 before any approval.

      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 12,500,000 yuan on 2012-04-01
      And the explained project's overrun was reported to the district government on 2012-04-20
      And the explained project's construction was suspended on 2012-04-21
      And the explained project's construction was resumed on 2012-05-10
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation lists, under "<findings>", the past finding "REFER_TO_SUPERVISION 2012-04-01 (BUD-B5-REFER)"
      And the explanation lists, under "<findings>", the past finding "LATE_REPORT 2012-04-20 (BUD-B3-LATE-REPORT)"
      And the explanation lists, under "<findings>", the past finding "CONSTRUCTION_WITHOUT_APPROVAL 2012-04-01 (BUD-B4-CONTINUED)"
      And the explanation lists, under "<findings>", the past finding "CONSTRUCTION_WITHOUT_APPROVAL 2012-05-10 (BUD-B4-RESUMED)"

      Examples:
        | lang    | findings                    |
        | English | Findings about past events: |
        | Chinese | 过往事件的认定：            |

    @BUD-B3-LATE-REPORT @BUD-B5-REFER @BUD-B4-RESUMED @BUD-B4-CONTINUED
    Scenario Outline: reported within 5 days, suspended at once, under 20%: no late report, no referral, no breach
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 11,000,000 yuan on 2012-04-01
      And the explained project's construction was suspended on 2012-04-01
      And the explained project's overrun was reported to the district government on 2012-04-03
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation lists no past finding of BUD-B3-LATE-REPORT
      And the explanation lists no past finding of BUD-B5-REFER
      And the explanation lists no past finding of BUD-B4-RESUMED
      And the explanation lists no past finding of BUD-B4-CONTINUED
      And the explanation of BUD-B5-REFER shows ✗ "<under_a_fifth>"
      And the explanation of BUD-B4-CONTINUED reads "<not>"
      And the explanation of BUD-B4-CONTINUED shows ✗ "<stopped>"

      Examples:
        | lang    | not            | under_a_fifth                                                    | stopped                                                              |
        | English | does not apply | the overrun ratio before this event: 0.1 ≥ 0.2 (referral_ratio | construction stopped at some point since the overrun arose: yes = no |
        | Chinese | 不适用         | 本次事件前的超支比例：0.1 ≥ 0.2（referral_ratio                    | 超支发生后曾停工：是 = 否                                              |

    @BUD-B5-REFER @BUD-B4-PENDING @BUD-B4-CONTINUED
    Scenario Outline: reported on time and halted at 25%: not referred (REFER_TO_SUPERVISION): the 20% holds, no breach of principle 3 does
      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 12,500,000 yuan on 2012-06-01
      And the explained project's construction was suspended on 2012-06-01
      And the explained project's overrun was reported to the district government on 2012-06-03
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of BUD-B5-REFER reads "<not>"
      And the explanation of BUD-B5-REFER shows ✓ "<a_fifth>"
      And the explanation of BUD-B5-REFER shows ✗ "<reported>"
      And the explanation of BUD-B5-REFER shows ✗ "<halted>"
      And the explanation lists no past finding of BUD-B5-REFER

      Examples:
        | lang    | heading                                             | not            | a_fifth                                                          | reported                                                          | halted                                                      |
        | English | PJ-EX-1 as of 2012-08-31: overrun awaiting approval | does not apply | the overrun ratio before this event: 0.25 ≥ 0.2 (referral_ratio | days the overrun had gone unreported (0 once reported): 0 > 5 (report_days | construction was going on just before this event: no = yes |
        | Chinese | PJ-EX-1，评估日期 2012-08-31：超支待审批             | 不适用         | 本次事件前的超支比例：0.25 ≥ 0.2（referral_ratio                    | 超支未报告的天数（已报告的为0）：0 > 5（report_days                   | 本次事件前正在施工：否 = 是                                    |

    @BUD-B5-REFER @BUD-B3-LATE-REPORT
    Scenario Outline: reported four days late at 25%: referred (REFER_TO_SUPERVISION), dated the day the deadline passed; the report event shows why
      The estimate of 2012-06-01 was due to be reported by 2012-06-06; the deadline passed on
      2012-06-07 with the overrun at 25%, and the report came on 2012-06-10.

      Given an explained project funded by district_fiscal, budgeted at 10,000,000 yuan on 2012-03-01
      And the explained project's estimate was revised to 12,500,000 yuan on 2012-06-01
      And the explained project's construction was suspended on 2012-06-01
      And the explained project's overrun was reported to the district government on 2012-06-10
      When comply explains the project as of 2012-08-31 in <lang>
      Then the explanation lists, under "<findings>", the past finding "REFER_TO_SUPERVISION 2012-06-07 (BUD-B5-REFER)"
      And the explanation lists, under "<findings>", the past finding "LATE_REPORT 2012-06-10 (BUD-B3-LATE-REPORT)"
      And on the report event of 2012-06-10, the explanation of BUD-B5-REFER shows ✓ "<a_fifth>"
      And on the report event of 2012-06-10, the explanation of BUD-B5-REFER shows ✓ "<late>"

      Examples:
        | lang    | findings                    | a_fifth                                                          | late                                                                        |
        | English | Findings about past events: | the overrun ratio before this event: 0.25 ≥ 0.2 (referral_ratio | days the overrun had gone unreported (0 once reported): 9 > 5 (report_days |
        | Chinese | 过往事件的认定：            | 本次事件前的超支比例：0.25 ≥ 0.2（referral_ratio                    | 超支未报告的天数（已报告的为0）：9 > 5（report_days                          |

  Rule: intake (speech §4.5) — the outcome is the rule that fired, and the criterion that failed is marked

    @INT-I5-NEW-START @INT-I5-REJECT @INT-I5-RESERVE-IDLE-HOLDER
    Scenario Outline: large, paying back and ready: admitted as a new start; not rejected, and its holder holds no idle land
      Given an explained candidate in industry investing 150,000,000 yuan, ready to start on 2013-03-01
      And the explained candidate expects 20,000,000 yuan of tax a year on 100 mu
      When comply explains the candidate for plan year 2013 as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of INT-I5-NEW-START reads "<fired>"
      And the explanation of INT-I5-NEW-START shows ✓ "<tax>"
      And the explanation of INT-I5-REJECT reads "<not>"
      And the explanation of INT-I5-REJECT shows ✗ "<not_small>"
      And the explanation of INT-I5-RESERVE-IDLE-HOLDER reads "<not>"
      And the explanation of INT-I5-RESERVE-IDLE-HOLDER shows ✗ "<no_idle_land>"

      Examples:
        | lang    | heading                                       | fired | not            | tax                                                                      | not_small                                                           | no_idle_land                                                  |
        | English | SB-EX-1 as of 2012-08-31: admit as a new start | fired | does not apply | expected annual tax per mu of land, yuan: 200000 ≥ 150000 (tax_per_mu_min | total investment, yuan: 150000000 < 100000000 (scale_industry       | holder 示例投资有限公司 is not among the idle_holder facts given |
        | Chinese | SB-EX-1，评估日期 2012-08-31：列入新开工项目    | 适用  | 不适用         | 亩均年税收（元）：200000 ≥ 150000（tax_per_mu_min                          | 总投资（元）：150000000 < 100000000（scale_industry                  | holder 示例投资有限公司 不属于所提供的 idle_holder               |

    @INT-I5-RESERVE @INT-I5-NEW-START
    Scenario Outline: large and paying back, but planning not approved: the reserve list, not a new start
      Given an explained candidate in industry investing 150,000,000 yuan, ready to start on 2013-03-01
      And the explained candidate expects 20,000,000 yuan of tax a year on 100 mu
      And the explained candidate's "planning_approved" is "false"
      When comply explains the candidate for plan year 2013 as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of INT-I5-RESERVE reads "<fired>"
      And the explanation of INT-I5-NEW-START reads "<not>"
      And the explanation of INT-I5-NEW-START shows ✗ "<planning>"

      Examples:
        | lang    | heading                                           | fired | not            | planning                        |
        | English | SB-EX-1 as of 2012-08-31: admit to the reserve list | fired | does not apply | planning approved: no = yes     |
        | Chinese | SB-EX-1，评估日期 2012-08-31：列入预备项目          | 适用  | 不适用         | 规划已批准：否 = 是               |

    @INT-I5-RESERVE-IDLE-HOLDER @INT-I5-NEW-START @INT-I4-NO-IDLE-LAND
    Scenario Outline: ready, but its holder's own land lies idle for its own cause: the reserve list, not a new start
      Given an explained candidate in industry investing 150,000,000 yuan, ready to start on 2013-03-01
      And the explained candidate expects 20,000,000 yuan of tax a year on 100 mu
      And the explained candidate's holder also holds a parcel agreed to start on 2011-03-01, never started
      When comply explains the candidate for plan year 2013 as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of INT-I5-RESERVE-IDLE-HOLDER reads "<fired>"
      And the explanation of INT-I5-RESERVE-IDLE-HOLDER shows ✓ "<idle_holder>"
      And the explanation of INT-I5-NEW-START reads "<not>"
      And the explanation of INT-I5-NEW-START shows ✗ "<idle_holder>"
      And the explanation of INT-I4-NO-IDLE-LAND reads "<not_met>"

      Examples:
        | lang    | heading                                             | fired | not            | not_met                          | idle_holder                                               |
        | English | SB-EX-1 as of 2012-08-31: admit to the reserve list | fired | does not apply | holder has no unrectified idle land of its own, and was not found hoarding: not met | holder 示例投资有限公司 is among the idle_holder facts given |
        | Chinese | SB-EX-1，评估日期 2012-08-31：列入预备项目            | 适用  | 不适用         | 无因自身原因闲置且未整改的土地，未被认定囤地：未达标                                   | holder 示例投资有限公司 属于所提供的 idle_holder              |

    @INT-I5-REJECT @INT-I5-NEW-START @INT-I5-RESERVE
    Scenario Outline: an industrial project under ¥100m is rejected: neither a new start nor the reserve list
      Given an explained candidate in industry investing 80,000,000 yuan, ready to start on 2013-03-01
      And the explained candidate expects 20,000,000 yuan of tax a year on 100 mu
      When comply explains the candidate for plan year 2013 as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of INT-I5-REJECT reads "<fired>"
      And the explanation of INT-I5-REJECT shows ✓ "<small>"
      And the explanation of INT-I5-NEW-START reads "<not>"
      And the explanation of INT-I5-NEW-START shows ✗ "<not_large>"
      And the explanation of INT-I5-RESERVE reads "<not>"
      And the explanation of INT-I5-RESERVE shows ✗ "<not_large>"

      Examples:
        | lang    | heading                             | fired | not            | small                                                          | not_large                                                      |
        | English | SB-EX-1 as of 2012-08-31: reject    | fired | does not apply | total investment, yuan: 80000000 < 100000000 (scale_industry   | total investment, yuan: 80000000 ≥ 100000000 (scale_industry   |
        | Chinese | SB-EX-1，评估日期 2012-08-31：不予列入 | 适用  | 不适用         | 总投资（元）：80000000 < 100000000（scale_industry               | 总投资（元）：80000000 ≥ 100000000（scale_industry               |

  Rule: the year's list (speech §2.1, §4.2) — each project's standing, and supervision past its required start date

    @PORT-COMPLETED @PORT-STARTED
    Scenario Outline: a completed project counts as completed, not as merely started
      Given an explained listed project planned to start on 2012-05-01
      And the explained listed project started on 2012-05-02
      And the explained listed project was completed on 2012-08-20
      When comply explains the listed project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of PORT-COMPLETED reads "<fired>"
      And the explanation of PORT-STARTED reads "<not>"
      And the explanation of PORT-STARTED shows ✗ "<completed>"

      Examples:
        | lang    | heading                              | fired | not            | completed                                    |
        | English | ZD-EX-1 as of 2012-08-31: completed  | fired | does not apply | completed by the evaluation date: yes = no   |
        | Chinese | ZD-EX-1，评估日期 2012-08-31：已竣工  | 适用  | 不适用         | 已竣工：是 = 否                                |

    @PORT-STARTED @PORT-COMPLETED @PORT-NOT-STARTED @PORT-REQUIRED-START
    Scenario Outline: a started project counts as started; a required start date already met calls for no supervision
      Given an explained listed project planned to start on 2012-05-01
      And the explained listed project started on 2012-05-02
      And the explained listed project must start by 2012-08-15
      When comply explains the listed project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of PORT-STARTED reads "<fired>"
      And the explanation of PORT-COMPLETED reads "<not>"
      And the explanation of PORT-COMPLETED shows ✗ "<not_completed>"
      And the explanation of PORT-NOT-STARTED reads "<not>"
      And the explanation of PORT-REQUIRED-START reads "<not>"
      And the explanation of PORT-REQUIRED-START shows ✗ "<started>"

      Examples:
        | lang    | heading                            | fired | not            | not_completed                              | started                                                 |
        | English | ZD-EX-1 as of 2012-08-31: started  | fired | does not apply | completed by the evaluation date: no = yes | started or completed by the evaluation date: yes = no   |
        | Chinese | ZD-EX-1，评估日期 2012-08-31：已开工 | 适用  | 不适用         | 已竣工：否 = 是                              | 已开工或竣工：是 = 否                                     |

    @PORT-NOT-STARTED @PORT-REQUIRED-START
    Scenario Outline: not started: it does not count; past its required start date it is supervised (SUPERVISE_START), before it not yet
      Given an explained listed project planned to start on 2012-05-01
      And the explained listed project must start by <must_start_by>
      When comply explains the listed project as of 2012-08-31 in <lang>
      Then the explanation is headed "<heading>"
      And the explanation of PORT-NOT-STARTED reads "<fired>"
      And the explanation of PORT-REQUIRED-START reads "<verdict>"
      And the explanation of PORT-REQUIRED-START shows <mark> "<days_past>"

      Examples:
        | lang    | must_start_by | heading                              | fired | verdict        | mark | days_past                                                            |
        | English | 2012-08-15    | ZD-EX-1 as of 2012-08-31: not started | fired | fired          | ✓    | days since the required start date passed: 16 > 0 (start_grace_days  |
        | Chinese | 2012-08-15    | ZD-EX-1，评估日期 2012-08-31：未开工   | 适用  | 适用           | ✓    | 超过要求开工日期的天数：16 > 0（start_grace_days                       |
        | English | 2012-09-15    | ZD-EX-1 as of 2012-08-31: not started | fired | does not apply | ✗    | days since the required start date passed: -15 > 0 (start_grace_days |
        | Chinese | 2012-09-15    | ZD-EX-1，评估日期 2012-08-31：未开工   | 适用  | 不适用         | ✗    | 超过要求开工日期的天数：-15 > 0（start_grace_days                      |
