// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TenderEscrow} from "../../../contracts/TenderEscrow.sol";
import {TenderMilestones} from "../../../contracts/modules/TenderMilestones.sol";
import {TenderSigned} from "../../../contracts/modules/TenderSigned.sol";
import {ITender} from "../../../contracts/interfaces/ITender.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {SupplierRegistry} from "../../../contracts/SupplierRegistry.sol";
import {Tender} from "../../../contracts/types/Tender.sol";
import {Test} from "../utils/Test.sol";
import {EscrowHandler} from "./handlers/EscrowHandler.sol";

/// @notice PROTOCOL.md's money invariants 1–4 (and the books of held shares and of milestones), checked after every step of random valid action sequences.
/// See README.md beside this file.
contract EscrowInvariants is Test {
    EscrowHandler internal handler;
    ITender internal escrow;

    function setUp() public {
        vm.warp(1_750_000_000);
        address owner = makeAddr("owner");
        address treasury = makeAddr("treasury");
        address arbitrator = makeAddr("arbitrator");
        SupplierRegistry registry = new SupplierRegistry();
        escrow = ITender(
            address(new TenderEscrow(
                    owner, treasury, 100, 1 hours, 365 days, registry, 3 days, 3 days, new TenderMilestones(1 hours, 365 days, 3 days),
                    new TenderSigned(1 hours, 365 days, registry)
                ))
        );
        vm.prank(arbitrator);
        escrow.registerArbitrator(200, 3 days, "ipfs://terms");
        MockERC20 usd = new MockERC20("Mock USD", "mUSD", 6);
        handler = new EscrowHandler(escrow, usd, owner, treasury, arbitrator);

        bytes4[] memory selectors = new bytes4[](34);
        selectors[0] = EscrowHandler.post.selector;
        selectors[1] = EscrowHandler.deliver.selector;
        selectors[2] = EscrowHandler.decline.selector;
        selectors[3] = EscrowHandler.refund.selector;
        selectors[4] = EscrowHandler.confirm.selector;
        selectors[5] = EscrowHandler.finalize.selector;
        selectors[6] = EscrowHandler.withdraw.selector;
        selectors[7] = EscrowHandler.collectFees.selector;
        selectors[8] = EscrowHandler.setFee.selector;
        selectors[9] = EscrowHandler.toggleBlocklist.selector;
        selectors[10] = EscrowHandler.warp.selector;
        selectors[11] = EscrowHandler.attack.selector;
        selectors[12] = EscrowHandler.postRFQ.selector;
        selectors[13] = EscrowHandler.bid.selector;
        selectors[14] = EscrowHandler.improveBid.selector;
        selectors[15] = EscrowHandler.award.selector;
        selectors[16] = EscrowHandler.pick.selector;
        selectors[17] = EscrowHandler.cancel.selector;
        selectors[18] = EscrowHandler.reclaimBond.selector;
        selectors[19] = EscrowHandler.dispute.selector;
        selectors[20] = EscrowHandler.respond.selector;
        selectors[21] = EscrowHandler.evidence.selector;
        selectors[22] = EscrowHandler.rule.selector;
        selectors[23] = EscrowHandler.settleDispute.selector;
        selectors[24] = EscrowHandler.claim.selector;
        selectors[25] = EscrowHandler.answerClaim.selector;
        selectors[26] = EscrowHandler.claimEvidence.selector;
        selectors[27] = EscrowHandler.agreeClaim.selector;
        selectors[28] = EscrowHandler.ruleClaim.selector;
        selectors[29] = EscrowHandler.settleClaim.selector;
        selectors[30] = EscrowHandler.waive.selector;
        selectors[31] = EscrowHandler.returnHeld.selector;
        selectors[32] = EscrowHandler.release.selector;
        selectors[33] = EscrowHandler.attackWarranty.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @notice PROTOCOL.md's money rules 1–4, all checked after every step of one campaign.
    function invariant_moneyRules() public view {
        _solvent();
        _paysOutOnce();
        _everyoneHoldsWhatTheyAreOwed();
        _refusingReceiverIsCreditedNotBlocking();
        _lowestPriceAwardsTheLowestBid();
        _heldSharesMatchTheBooks();
        _milestonesKeepTheirBooks();
    }

    /// Invariant 8: every job in milestones keeps its schedule's books as the handler reads the rules — its count
    /// (2–8) and shares as posted, the milestone in progress below the count, the gross and shares settled so far
    /// (≤ the price, ≤ 10,000 bps) exactly the sum of the milestones paid (⌊price × share⌋, the last the rest), each
    /// milestone paid at most once and every one before the current paid; and once the job ended nothing of it is
    /// owed beyond its held shares (no bond left on its books; its price no longer counted by invariant 1).
    function _milestonesKeepTheirBooks() internal view {
        for (uint256 i; i < handler.partCount(); ++i) {
            uint256 jobId = handler.partIds(i);
            Tender.Job memory job = escrow.job(jobId);
            Tender.Milestones memory ms = escrow.milestonesOf(jobId);
            assertEq(job.flags & Tender.FLAG_MILESTONES, Tender.FLAG_MILESTONES, "in milestones");
            assertEq(ms.count, handler.ghostCount(jobId), "count as posted");
            assertGe(ms.count, 2, "at least two");
            assertGe(8, ms.count, "at most eight");
            assertLt(ms.current, ms.count, "current < count");
            assertEq(ms.current, handler.ghostCurrent(jobId), "milestone in progress");
            assertEq(ms.settled, handler.ghostSettled(jobId), "gross settled");
            assertEq(ms.settledBps, handler.ghostSettledBps(jobId), "shares settled");
            assertGe(10_000, ms.settledBps, "settledBps <= 10,000");
            assertGe(job.price, ms.settled, "settled <= price");
            uint16[8] memory shares = handler.sharesOf(jobId);
            for (uint256 k; k < ms.count; ++k) {
                assertEq(ms.shareBps[k], shares[k], "share as posted");
                uint256 paid = handler.partPayouts(jobId, k);
                assertLt(paid, 2, "a milestone is paid at most once");
                if (k < ms.current) assertEq(paid, 1, "every milestone before the current was paid");
                if (k > ms.current) assertEq(paid, 0, "none after it");
            }
            if (job.status == Tender.Status.Settled || job.status == Tender.Status.Refunded) {
                if (job.supplier != address(0)) assertEq(escrow.bidOf(jobId, job.supplier).bond, 0, "no bond left");
            }
        }
    }

    /// Invariant 7: every payment's held share, held bond and claim are what the warranty rules made them (the
    /// handler's own reading: ⌊price × holdback⌋ at confirm or finalize, nothing after a dispute, the fee rounded up
    /// on the stake), a held share is paid out at most once, and the claim counters follow every claim's end.
    function _heldSharesMatchTheBooks() internal view {
        for (uint256 i; i < handler.jobCount(); ++i) {
            uint256 jobId = handler.jobIds(i);
            for (uint256 k; k < handler.paymentsOf(jobId); ++k) _heldMatches(jobId, k);
        }
        for (uint256 i; i < handler.actorCount(); ++i) {
            address who = handler.actors(i);
            Tender.ClaimRecord memory record = escrow.claimRecord(who);
            assertEq(record.claimsFaced, handler.claimsFaced(who), "claims faced");
            assertEq(record.clawedBack, handler.clawedBack(who), "clawed back");
            assertEq(escrow.buyerRecord(who).claimsLost, handler.claimsLost(who), "claims lost");
        }
    }

    /// @dev Payment `k` of a job (0 for a plain job, the milestone's index for a job in milestones).
    function _heldMatches(uint256 jobId, uint256 k) internal view {
        EscrowHandler.GhostHeld memory g = handler.ghostHeldOf(jobId, k);
        Tender.Held memory h = escrow.heldOf(jobId, k);
        assertEq(h.amount, g.amount, "held share");
        assertEq(h.bond, g.bond, "held bond");
        assertEq(uint256(h.claim), uint256(g.claim), "claim status");
        if (g.amount != 0 || g.bond != 0) assertEq(h.warrantyEndsAt, g.endsAt, "warranty end");
        if (g.claim == Tender.ClaimStatus.Filed || g.claim == Tender.ClaimStatus.Answered) {
            Tender.Claim memory c = escrow.claimOf(jobId, k);
            assertEq(c.asked, g.asked, "amount asked");
            assertEq(c.fee, g.fee, "claim fee");
            assertEq(c.deadline, g.deadline, "claim deadline");
        }
        assertLt(handler.heldPayouts(jobId, k), 2, "a held share is paid out at most once");
    }

    /// An award in lowest-price mode always goes to the lowest bid.
    function _lowestPriceAwardsTheLowestBid() internal view {
        assertEq(handler.wrongAwards(), 0, "lowest-price awards above the lowest bid");
    }

    /// Invariant 1: per token, the escrow holds exactly what it owes (running jobs — a job in milestones its
    /// unsettled ones —, bonds, dispute fees (on a milestone's gross), held shares of every payment with their bonds
    /// and open claim fees, credits, accrued fees).
    function _solvent() internal view {
        for (uint256 t; t < handler.tokenCount(); ++t) {
            address token = handler.tokens(t);
            uint256 owed = escrow.protocolFees(token) + handler.bondsHeld(token) + handler.heldOwed(token);
            for (uint256 i; i < handler.jobCount(); ++i) {
                Tender.Job memory job = escrow.job(handler.jobIds(i));
                bool running = job.status == Tender.Status.Open || job.status == Tender.Status.Awarded
                    || job.status == Tender.Status.Delivered || job.status == Tender.Status.Disputed;
                // A job in milestones owes only its unsettled milestones (settled ones were paid or are held).
                if (job.token == token && running) owed += job.price - handler.ghostSettled(handler.jobIds(i));
                if (job.token == token && job.status == Tender.Status.Disputed) {
                    owed += handler.feeOf(handler.jobIds(i)) * (job.answered ? 2 : 1);
                }
            }
            address[] memory holders = handler.holders();
            for (uint256 i; i < holders.length; ++i) owed += escrow.credit(holders[i], token);
            uint256 held = token == address(0) ? address(escrow).balance : MockERC20(token).balanceOf(address(escrow));
            assertGe(held, owed, "escrow balance covers what it owes");
            assertEq(held, owed, "and holds nothing else");
        }
    }

    /// Invariant 2: a job's money leaves exactly once, when it ends, and never while it runs.
    function _paysOutOnce() internal view {
        for (uint256 i; i < handler.jobCount(); ++i) {
            uint256 jobId = handler.jobIds(i);
            Tender.Status s = escrow.job(jobId).status;
            bool ended = s == Tender.Status.Settled || s == Tender.Status.Refunded || s == Tender.Status.Cancelled;
            assertEq(handler.payouts(jobId), ended ? 1 : 0, "payouts per job");
        }
    }

    /// Invariant 3: nobody moves money it is not owed — every holder owns exactly what the state machine gave it,
    /// the treasury exactly the fees, and no unauthorized or mistimed call ever succeeded.
    function _everyoneHoldsWhatTheyAreOwed() internal view {
        address[] memory holders = handler.holders();
        for (uint256 t; t < handler.tokenCount(); ++t) {
            address token = handler.tokens(t);
            for (uint256 i; i < holders.length; ++i) {
                address who = holders[i];
                uint256 wallet = token == address(0) ? who.balance : MockERC20(token).balanceOf(who);
                assertEq(wallet + escrow.credit(who, token), handler.expectedWealth(who, token), "holder's wealth");
            }
            assertEq(
                escrow.protocolFees(token) + handler.feesCollected(token), handler.feesEarned(token), "fees accrued"
            );
            address treasury = handler.treasury();
            uint256 treasuryHeld = token == address(0) ? treasury.balance : MockERC20(token).balanceOf(treasury);
            assertEq(treasuryHeld, handler.feesCollected(token), "treasury holds the collected fees");
        }
        assertEq(handler.breaches(), 0, "unauthorized calls that succeeded");
    }

    /// Invariant 4: a receiver that refuses payment blocks only itself — its money waits as a credit while every
    /// settlement and refund that paid it went through (the suite fails on any revert of a valid action).
    function _refusingReceiverIsCreditedNotBlocking() internal view {
        address rejecting = address(handler.rejecting());
        assertEq(rejecting.balance, 0, "a receiver that refuses ETH never received a push");
        assertEq(escrow.credit(rejecting, address(0)), handler.expectedWealth(rejecting, address(0)), "its ETH waits as credit");
    }
}
