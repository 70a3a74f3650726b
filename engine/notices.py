"""What a run tells its user besides the bad cells, in every output language (IO2): the
status lines of a run, how a register was read, options that cannot apply, outputs that
cannot be written, dates no rule covers, the ledger's refusals. Registered in the message
catalog (engine/messages.py), rendered only when shown.
"""

from __future__ import annotations

from . import messages

messages.register(
    {
        # Status lines (stderr), after a run that succeeded.
        "status_written": {
            "en": "{count} {noun} evaluated as of {as_of}; {fmt} written to {out}",
            "zh": "已评估{noun} {count} 个（评估日期 {as_of}）；{fmt} 已写入 {out}",
        },
        "status_refused": {
            "en": "{count} rows refused, written with their reasons to {rejects}",
            "zh": "已拒绝 {count} 行，连同原因写入 {rejects}",
        },
        "status_recorded": {
            "en": "recorded as run {run} in {ledger}",
            "zh": "已作为第 {run} 次运行记入 {ledger}",
        },
        "status_jobs_capped": {
            "en": "--jobs {asked}: this machine has {cores} cores; {cores} worker processes were "
            "used",
            "zh": "--jobs {asked}：本机只有 {cores} 个核心；已使用 {cores} 个工作进程",
        },
        "skipped_total": {
            "en": "row {row} skipped: a total, not a subject ({text})",
            "zh": "第 {row} 行已跳过：合计行，不是评估对象（{text}）",
        },
        "skipped_separator": {
            "en": "row {row} skipped: it names nothing of the input contract, a heading or an "
            "empty row ({text})",
            "zh": "第 {row} 行已跳过：未填写输入规范中的任何一列，为标题行或空行（{text}）",
        },
        "status_policy": {
            "en": "{count} pages written to {out}; open {first}",
            "zh": "已写出 {count} 个页面到 {out}；请打开 {first}",
        },
        "status_replayed": {
            "en": "{count} decisions differ from run {run}",
            "zh": "与第 {run} 次运行相比，有 {count} 项决定不同",
        },
        # Options that cannot apply to the run.
        "xlsx_needs_out": {
            "en": "--format xlsx writes a workbook: give --out FILE.xlsx",
            "zh": "--format xlsx 输出工作簿：请用 --out 指定 .xlsx 文件",
        },
        "scheduler_needs_dask": {
            "en": "--scheduler names a Dask scheduler: give it with --executor dask",
            "zh": "--scheduler 指定的是 Dask 调度器：请同时给出 --executor dask",
        },
        "rejects_together": {
            "en": "--skip-invalid and --rejects FILE go together (decisions.md IO1: refused rows "
            "are written with their reasons, never dropped)",
            "zh": "--skip-invalid 与 --rejects FILE 须同时使用（解释决定IO1：被拒绝的行"
            "连同原因写出，不得丢弃）",
        },
        "skip_change_log": {
            "en": "--skip-invalid does not apply to a change log: with rows left out, a project "
            "would be judged on events that did not happen that way",
            "zh": "--skip-invalid 不适用于变更记录：略去部分行后，项目将按并非如此发生的事件被判定",
        },
        "not_for_this_run": {
            "en": "{flag}: not for this run: {why}",
            "zh": "{flag}：不适用于本次运行：{why}",
        },
        "needs_option": {
            "en": "{command} needs {flag}",
            "zh": "{command} 需要 {flag}",
        },
        "no_such_kind": {
            "en": "no kind of subject is evaluated by {command} (known: {known})",
            "zh": "没有由 {command} 评估的对象类别（已有：{known}）",
        },
        "no_such_rule_in_kind": {
            "en": "--rule {rule}: no rule of the {command} rulebook has that id",
            "zh": "--rule {rule}：{command} 规则库中没有该编号的规则",
        },
        "no_such_rule": {
            "en": "no rule has the id {rule}",
            "zh": "没有编号为 {rule} 的规则",
        },
        "no_such_subject": {
            "en": "{source}: no subject with id {key}",
            "zh": "{source}：没有编号为 {key} 的对象",
        },
        "ledger_show_terminal": {
            "en": "ledger show writes to the terminal: choose table, json, jsonl or csv",
            "zh": "ledger show 输出到终端：请选择 table、json、jsonl 或 csv",
        },
        # Why a run is not split into parts (the reason of not_for_this_run).
        "why_change_log_csv": {
            "en": "a change log is split by subject from a CSV file only",
            "zh": "变更记录只能从 CSV 文件按项目拆分",
        },
        "why_ranked": {
            "en": "a ranked list is made from all the decisions at once",
            "zh": "排序清单须由全部决定一次生成",
        },
        "why_rate": {
            "en": "a rate is made from all the decisions at once",
            "zh": "比率须由全部决定一次生成",
        },
        "why_format": {
            "en": "--format {fmt} is written whole; formats made on every core: {joinable}",
            "zh": "--format {fmt} 须整体写出；可多核生成的格式为 {joinable}",
        },
        "why_workbook": {
            "en": "a workbook is read whole; CSV and JSON Lines files are split",
            "zh": "工作簿须整体读取；只有 CSV 和 JSON Lines 文件可拆分",
        },
        "why_header_row": {
            "en": "a register whose header is not its first row is read in one process",
            "zh": "表头不在第一行的台账须在一个进程中读取",
        },
        "why_events": {
            "en": "a file's events are folded into its subjects in one process",
            "zh": "事件文件须在一个进程中并入各对象",
        },
        "why_kept_csv": {
            "en": "a CSV keeping the register's columns is written in one process",
            "zh": "保留台账自有列的 CSV 须在一个进程中写出",
        },
        "dask_missing": {
            "en": "--executor dask needs dask.distributed: pip install 'comply[dask]'",
            "zh": "--executor dask 需要 dask.distributed：请执行 pip install 'comply[dask]'",
        },
        "dask_unreachable": {
            "en": "{where}: no Dask cluster to work with ({reason})",
            "zh": "{where}：无法使用 Dask 集群（{reason}）",
        },
        "worker_failed": {
            "en": "a worker failed ({reason}); nothing was written. Run again, or with --jobs 1 to "
            "evaluate in this process.",
            "zh": "工作进程失败（{reason}）；未写出任何结果。请重新运行，或使用 --jobs 1 在本进程中"
            "评估。",
        },
        # Outputs that cannot be written.
        "out_cannot_write": {
            "en": "{role} {path}: cannot write there ({reason})",
            "zh": "{role} {path}：无法写入（{reason}）",
        },
        "os_failed": {
            "en": "{path}: {reason}; nothing was written",
            "zh": "{path}：{reason}；未写出任何结果",
        },
        "os_failed_writing": {
            "en": "writing failed: {reason}; nothing was written",
            "zh": "写入失败：{reason}；未写出任何结果",
        },
        "out_not_regular": {
            "en": "{role} {path}: not a regular file; give a file path",
            "zh": "{role} {path}：不是普通文件；请给出文件路径",
        },
        "out_no_directory": {
            "en": "{role} {path}: the directory {directory} does not exist",
            "zh": "{role} {path}：目录 {directory} 不存在",
        },
        "out_directory_not_writable": {
            "en": "{role} {path}: the directory {directory} is not writable",
            "zh": "{role} {path}：目录 {directory} 不可写",
        },
        "out_is_input": {
            "en": "{role} {path}: that is the input ({other}); name another file",
            "zh": "{role} {path}：这是输入文件（{other}）；请另指定文件",
        },
        "out_same_file": {
            "en": "{role} {path} and {other} {second} name the same file",
            "zh": "{role} {path} 与 {other} {second} 指向同一文件",
        },
        "out_sheet_full": {
            "en": "the workbook's sheet {sheet} would need more than the {limit} rows a sheet "
            "holds; nothing was written: write --format csv or jsonl, or split the input",
            "zh": "工作簿的 {sheet} 工作表所需行数超过每个工作表最多 {limit} 行；未写出任何结果："
            "请改用 --format csv 或 jsonl，或拆分输入文件",
        },
        # Dates no rule covers (engine/evaluate.py, engine/packs.py).
        "not_covered": {
            "en": "No rule of the {family} rulebook is in force on {as_of}. Rules in force "
            "before that date are not encoded, so nothing is decided; evaluate as of {first} or "
            "later.",
            "zh": "{as_of} {family} 规则库中没有正在施行的规则。此前施行的规则未编码，因此不"
            "作任何"
            "判定；请以 {first} 或之后的日期评估。",
        },
        "not_covered_by": {
            "en": "No rule of the {family} rulebook is in force on {as_of}: {laws}. Rules in force "
            "before that date are not encoded, so nothing is decided; evaluate as of {first} or "
            "later.",
            "zh": "{as_of} {family} 规则库中没有正在施行的规则：{laws}。此前施行的规则未编码，因此"
            "不作"
            "任何判定；请以 {first} 或之后的日期评估。",
        },
        "not_covered_law": {
            "en": "{short} ({title}) in force from {start}",
            "zh": "{title}（{short}）自 {start} 起施行",
        },
        "parameter_not_in_force": {
            "en": "{shown}: parameter {name} has no value on {as_of}: its first value takes effect "
            "on {first}, and rule {rule} uses it; evaluate as of {first} or later",
            "zh": "{shown}：参数 {name} 在 {as_of} 尚无取值：其首个取值自 {first} 起生效，而规则 "
            "{rule} "
            "使用该参数；请以 {first} 或之后的日期评估",
        },
        # The ledger.
        "ledger_cannot_open": {
            "en": "--ledger {path}: not a comply ledger, or damaged ({reason})",
            "zh": "--ledger {path}：不是 comply 决定记录库，或已损坏（{reason}）",
        },
        "ledger_no_chain": {
            "en": "--ledger {path}: not a comply ledger (it has no chain of records)",
            "zh": "--ledger {path}：不是 comply 决定记录库（其中没有记录链）",
        },
        "ledger_cannot_create": {
            "en": "--ledger {path}: cannot create the ledger there",
            "zh": "--ledger {path}：无法在此创建决定记录库",
        },
        "ledger_not_a_file": {
            "en": "--ledger {path}: not a ledger file",
            "zh": "--ledger {path}：不是决定记录库文件",
        },
        "ledger_other_database": {
            "en": "--ledger {path}: not a comply ledger ({reason})",
            "zh": "--ledger {path}：不是 comply 决定记录库（{reason}）",
        },
        "ledger_not_recorded": {
            "en": "--ledger {path}: the run was not recorded ({reason})",
            "zh": "--ledger {path}：本次运行未能记录（{reason}）",
        },
        "ledger_old_schema": {
            "en": "--ledger {path}: its runs were recorded in schema {schema} (decisions as "
            "rendered text, by comply 0.1); this comply keeps schema {current} (decisions as "
            "codes, values and dates, each run sealed). The ledger is left as it is; record new "
            "runs in a new ledger (--ledger NEW.sqlite).",
            "zh": "--ledger {path}：其中的运行按第 {schema} 版格式记录（决定为渲染后的文本，comply "
            "0.1），本版 comply 使用第 {current} 版格式（决定为代码、数值和日期，每次运行均加封）。"
            "该记录库保持原样；新运行请记入新的记录库（--ledger NEW.sqlite）。",
        },
        "ledger_entries_schema": {
            "en": "--ledger {path}: its runs were recorded in schema {schema}, one record an "
            "entry; this comply records a run's entries in blocks (schema {current}), which an "
            "earlier comply would read as no entries at all. The ledger is left as it is, and "
            "is still listed, shown, replayed and verified; record new runs in a new ledger "
            "(--ledger NEW.sqlite).",
            "zh": "--ledger {path}：其中的运行按第 {schema} 版格式记录，每个条目一条记录；"
            "本版 comply 将一次运行的条目按数据块记录（第 {current} 版格式），"
            "较早版本的 comply 会将其读作没有任何条目。"
            "该记录库保持原样，仍可列出、显示、重放和核验；"
            "新运行请记入新的记录库（--ledger NEW.sqlite）。",
        },
        "ledger_missing": {
            "en": "--ledger {path}: no ledger there (record a run with --record)",
            "zh": "--ledger {path}：此处没有决定记录库（请用 --record 记录一次运行）",
        },
        "ledger_empty": {
            "en": "--ledger {path}: the ledger holds no run yet",
            "zh": "--ledger {path}：决定记录库中尚无运行",
        },
        "ledger_damaged": {
            "en": "--ledger {path}: damaged ({reason}); run comply ledger verify",
            "zh": "--ledger {path}：已损坏（{reason}）；请运行 comply ledger verify",
        },
        "ledger_stray_blocks": {
            "en": "--ledger {path}: the run was not recorded: the table of blocks keeps entries "
            "from record {seq} on, which the chain does not hold; run comply ledger verify",
            "zh": "--ledger {path}：本次运行未能记录：数据块表中保存了自第 {seq} 条记录起的条目，"
            "而记录链中并无这些记录；请运行 comply ledger verify",
        },
        "ledger_block_unreadable": {
            "en": "a block of the ledger is not readable (damaged); run comply ledger verify",
            "zh": "决定记录库中有数据块无法读取（已损坏）；请运行 comply ledger verify",
        },
        "ledger_record_unreadable": {
            "en": "record {seq} of the ledger is not readable (damaged); run comply ledger verify",
            "zh": "决定记录库第 {seq} 条记录无法读取（已损坏）；请运行 comply ledger verify",
        },
        "ledger_not_header": {
            "en": "record {seq} of the ledger is not a run header (damaged)",
            "zh": "决定记录库第 {seq} 条记录不是运行的记录头（已损坏）",
        },
        "ledger_no_sources": {
            "en": "run {run}: its header lists no rule files (damaged)",
            "zh": "第 {run} 次运行：其记录头未列出规则文件（已损坏）",
        },
        "ledger_no_run": {
            "en": "no run {run} in the ledger",
            "zh": "决定记录库中没有第 {run} 次运行",
        },
        "ledger_decision_unreadable": {
            "en": "run {run}: decision {key} is not a readable record (damaged); run comply "
            "ledger verify",
            "zh": "第 {run} 次运行：决定 {key} 不是可读的记录（已损坏）；"
            "请运行 comply ledger verify",
        },
        "ledger_row_unreadable": {
            "en": "run {run}: input row {key} is not a readable record (damaged); run comply "
            "ledger verify",
            "zh": "第 {run} 次运行：输入行 {key} 不是可读的记录（已损坏）；"
            "请运行 comply ledger verify",
        },
        "key_exists": {
            "en": "{path}: exists already; a key is never overwritten",
            "zh": "{path}：已存在；密钥从不覆盖",
        },
        "key_unwritable": {
            "en": "{path}: cannot write the key there ({reason})",
            "zh": "{path}：无法在此写入密钥（{reason}）",
        },
        "signing_key_bad": {
            "en": "--signing-key {path}: not an Ed25519 private key ({reason})",
            "zh": "--signing-key {path}：不是 Ed25519 私钥（{reason}）",
        },
        "public_key_bad": {
            "en": "--public-key {path}: not an Ed25519 public key ({reason})",
            "zh": "--public-key {path}：不是 Ed25519 公钥（{reason}）",
        },
        "head_form": {
            "en": "--head {text!r}: expected RECORD:HASH as comply ledger head prints it",
            "zh": "--head {text!r}：应为 comply ledger head 输出的“记录号:哈希值”",
        },
        # What `comply ledger verify` finds.
        "ledger_broken": {
            "en": "record {seq}{where} is broken: {reason}",
            "zh": "第 {seq} 条记录{where}已损坏：{reason}",
        },
        "ledger_broken_where": {
            "en": " ({what} {key} of run {run})",
            "zh": "（第 {run} 次运行的 {what} {key}）",
        },
        "break_link": {
            "en": "its link to the record before it does not match (a record was removed, "
            "inserted or moved)",
            "zh": "与前一条记录的链接不符（有记录被删除、插入或移动）",
        },
        "break_altered": {
            "en": "its content no longer matches its hash (it was altered)",
            "zh": "内容与其哈希值不符（已被篡改）",
        },
        "break_block_altered": {
            "en": "its entries are no longer the bytes whose hash it holds (an entry in it "
            "was altered)",
            "zh": "其所含条目已非其哈希值所指的内容（其中有条目被篡改）",
        },
        "break_block_missing": {
            "en": "its entries are missing (removed from the table of blocks)",
            "zh": "其所含条目缺失（已从数据块表中删除）",
        },
        "break_block_unreadable": {
            "en": "its entries are not readable as the entries it names",
            "zh": "其所含条目无法按其所列读取",
        },
        "break_block_stray": {
            "en": "the table of blocks keeps entries under its number, but the chain holds no "
            "block there (entries added, or left behind by records removed)",
            "zh": "数据块表中以此编号保存了条目，但记录链在此处并无数据块（条目系后来添加，"
            "或其记录已被删除）",
        },
        "break_no_seal_before": {
            "en": "run {run} before it has no seal (its end was removed)",
            "zh": "其前的第 {run} 次运行没有封记（其末尾被删除）",
        },
        "break_no_seal": {
            "en": "run {run} has no seal (its end was removed)",
            "zh": "第 {run} 次运行没有封记（其末尾被删除）",
        },
        "break_wrong_run": {
            "en": "it belongs to run {run} but stands in run {open}",
            "zh": "属于第 {run} 次运行，却位于第 {open} 次运行之中",
        },
        "break_outside_run": {
            "en": "it belongs to run {run} but stands after a run's seal, in no run",
            "zh": "属于第 {run} 次运行，却位于某次运行的封记之后，不属于任何运行",
        },
        "break_seal_unreadable": {
            "en": "the seal is not readable",
            "zh": "封记无法读取",
        },
        "break_seal_open": {
            "en": "the seal does not close the run's last record",
            "zh": "封记未封住本次运行的最后一条记录",
        },
        "break_unsigned": {
            "en": "run {run} is not signed: every run must be signed by the bureau's key",
            "zh": "第 {run} 次运行未签名：每次运行都须以本局密钥签名",
        },
        "break_signature": {
            "en": "run {run}'s signature does not verify with this public key ({key}; signed "
            "by {signer}): it was not made with the bureau's key",
            "zh": "第 {run} 次运行的签名无法用此公钥（{key}；签名者 {signer}）核验："
            "并非以本局密钥签署",
        },
        "break_truncated": {
            "en": "the head kept elsewhere is record {seq}, but the chain now ends at record "
            "{last}: records were removed from its end (a truncation or a rollback)",
            "zh": "另行保存的链尾为第 {seq} 条记录，而记录链现止于第 {last} 条：末尾的记录已被删除"
            "（截断或回滚）",
        },
        "break_rewritten": {
            "en": "it is not the record the head kept elsewhere names: the chain was rewritten",
            "zh": "与另行保存的链尾所指记录不符：记录链已被改写",
        },
        "verified_intact": {
            "en": "{records} records of {runs} runs verified: the chain is intact",
            "zh": "已核验 {runs} 次运行的 {records} 条记录：记录链完整",
        },
        "verified_unsigned": {
            "en": "unsigned runs: {runs} (recorded without --signing-key)",
            "zh": "未签名的运行：{runs}（记录时未提供 --signing-key）",
        },
        "verified_signatures": {
            "en": "signed runs: {runs}, every signature verified ({keys})",
            "zh": "已签名的运行：{runs}，签名均已核验（{keys}）",
        },
        "verified_signed_unchecked": {
            "en": "signed runs: {runs} by key {keys}; give --public-key to check the signatures",
            "zh": "已签名的运行：{runs}，密钥 {keys}；请提供 --public-key 以核验签名",
        },
        "verified_no_head": {
            "en": "without --head, records removed from the end cannot be told: keep `comply "
            "ledger head` elsewhere and give it here",
            "zh": "未提供 --head 时无法发现末尾记录被删除：请另行保存 `comply ledger head` 的输出，"
            "并在此提供",
        },
        "ledger_suspect_chain": {
            "en": "WARNING: the ledger fails verification at record {seq}: {reason}; run {run} "
            "may not be what was recorded",
            "zh": "警告：决定记录库在第 {seq} 条记录处核验失败：{reason}；"
            "第 {run} 次运行可能已非原记录",
        },
        "ledger_suspect_record": {
            "en": "WARNING: record {seq} (decision {key}) was altered after it was recorded",
            "zh": "警告：第 {seq} 条记录（决定 {key}）在记录后被篡改",
        },
        "ledger_suspect_block": {
            "en": "WARNING: record {seq} (the block of decisions {first} to {last}) was altered "
            "after it was recorded",
            "zh": "警告：第 {seq} 条记录（决定 {first} 至 {last} 所在的数据块）在记录后被篡改",
        },
        "replay_inputs_invalid": {
            "en": "run {run}: its recorded inputs are no longer valid: {problem}",
            "zh": "第 {run} 次运行：其记录的输入已不再有效：{problem}",
        },
        "replay_packs_missing": {
            "en": "run {run}: its rule packs are no longer at {paths}; give them with --pack",
            "zh": "第 {run} 次运行：其规则包已不在 {paths}；请用 --pack 给出",
        },
    }
)
