Feature: Disposal of idle land (Order 53 of 2012)

  Rule: Art. 2 ¶1 — land not started a full year after its start date is idle

    @IL-ART2-IDLE @IL-ART14-1-FEE
    Scenario Outline: the anniversary and the day after
      Given a parcel agreed to start on 2011-07-31
      When it is evaluated as of <as_of>
      Then its status is "<status>"

      Examples:
        | as_of      | status  |
        | 2012-07-31 | overdue |
        | 2012-08-01 | idle    |

    Example: fee and suppression
      Given a parcel agreed to start on 2011-01-30
      And a government cause of the delay is verified
      And it is mortgaged to "中国工商银行"
      When it is evaluated as of 2012-08-31
      Then the actions are INVESTIGATE, FILE_IN_MONITORING_SYSTEM, NEGOTIATE_DISPOSAL, NOTIFY_MORTGAGEE, REPORT_DISPOSAL_OPINION
      And IL-ART14-1-FEE is suppressed by IL-ART12-NEGOTIATE
      And REPORT_DISPOSAL_OPINION is addressed to city land-resources bureau and district government

    Example: bad price
      Given a parcel agreed to start on 2011-01-30
      And its "price" is "abc"
      When it is evaluated as of 2012-08-31
      Then the input is refused at row 2, column "price", value "abc"
