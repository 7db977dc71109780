// The list of `tender` commands; each lives in its own file under commands/.
import accountImport from "./commands/account/import.ts";
import accountList from "./commands/account/list.ts";
import accountNew from "./commands/account/new.ts";
import agentRun from "./commands/agent/run.ts";
import arbitratorDisputes from "./commands/arbitrator/disputes.ts";
import arbitratorRegister from "./commands/arbitrator/register.ts";
import arbitratorRetire from "./commands/arbitrator/retire.ts";
import arbitratorRule from "./commands/arbitrator/rule.ts";
import arbitratorSettle from "./commands/arbitrator/settle.ts";
import arbitratorUpdate from "./commands/arbitrator/update.ts";
import balance from "./commands/balance.ts";
import bidImprove from "./commands/bid/improve.ts";
import bidList from "./commands/bid/list.ts";
import bidPlace from "./commands/bid/place.ts";
import bidReclaim from "./commands/bid/reclaim.ts";
import deploy from "./commands/deploy.ts";
import devAdvance from "./commands/dev/advance.ts";
import devMine from "./commands/dev/mine.ts";
import jobAward from "./commands/job/award.ts";
import jobCancel from "./commands/job/cancel.ts";
import jobConfirm from "./commands/job/confirm.ts";
import jobDecline from "./commands/job/decline.ts";
import jobDeliver from "./commands/job/deliver.ts";
import jobDispute from "./commands/job/dispute.ts";
import jobEvidence from "./commands/job/evidence.ts";
import jobFinalize from "./commands/job/finalize.ts";
import jobList from "./commands/job/list.ts";
import jobPost from "./commands/job/post.ts";
import jobRefund from "./commands/job/refund.ts";
import jobRespond from "./commands/job/respond.ts";
import jobShow from "./commands/job/show.ts";
import supplierAttest from "./commands/supplier/attest.ts";
import supplierRegister from "./commands/supplier/register.ts";
import supplierShow from "./commands/supplier/show.ts";
import withdraw from "./commands/withdraw.ts";

/** Every command, in the order `tender --help` lists them. */
export const commands = [
  jobPost, jobShow, jobList, jobAward, jobDeliver, jobDecline, jobConfirm, jobDispute, jobRespond, jobEvidence, jobFinalize, jobRefund, jobCancel,
  bidPlace, bidImprove, bidList, bidReclaim,
  supplierRegister, supplierShow, supplierAttest,
  arbitratorRegister, arbitratorUpdate, arbitratorRetire, arbitratorDisputes, arbitratorRule, arbitratorSettle,
  accountNew, accountImport, accountList,
  agentRun,
  devAdvance, devMine,
  withdraw, balance, deploy,
];
