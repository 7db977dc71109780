// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TenderEscrow} from "../../contracts/TenderEscrow.sol";
import {TenderMilestones} from "../../contracts/modules/TenderMilestones.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMilestones} from "../../contracts/interfaces/ITenderMilestones.sol";
import {ITenderWarranty} from "../../contracts/interfaces/ITenderWarranty.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {WarrantyTest} from "./utils/WarrantyTest.sol";

/// @notice Jobs in milestones: posting and its refusals, each milestone's life (deliver, confirm, finalize,
/// dispute) with exact payments and records, the early ends (decline, missed deadline, a lost dispute) refunding
/// every unsettled milestone with the rest of the bond, and holdback per milestone.
contract TenderMilestonesTest is WarrantyTest {
    /// @dev 100 mUSD in three parts: 30, 20 and (the remainder) 50.
    uint32 internal constant W0 = DELIVERY;
    uint32 internal constant W1 = 3 days;
    uint32 internal constant W2 = 4 days;

    function plan() internal pure returns (Tender.Milestone[] memory ms) {
        ms = new Tender.Milestone[](3);
        ms[0] = Tender.Milestone({shareBps: 3_000, deliveryWindow: W0});
        ms[1] = Tender.Milestone({shareBps: 2_000, deliveryWindow: W1});
        ms[2] = Tender.Milestone({shareBps: 5_000, deliveryWindow: W2});
    }

    function postParts(Tender.DirectHire memory hire, Tender.Milestone[] memory ms) internal returns (uint256 jobId) {
        vm.prank(buyer);
        jobId = escrow.postDirectHireInMilestones{value: hire.token == ETH ? hire.price : 0}(hire, ms);
    }

    function postParts(address token) internal returns (uint256) {
        return postParts(hireOf(token), plan());
    }

    function postRFQParts(Tender.RFQ memory rfq, Tender.Milestone[] memory ms) internal returns (uint256 jobId) {
        vm.prank(buyer);
        jobId = escrow.postRFQInMilestones{value: rfq.token == ETH ? rfq.maxPrice : 0}(rfq, ms);
    }

    /// @dev A bonded lowest-price RFQ in the three parts, won by s1 at `price` (bond 10% of MAX = 100 mUSD).
    function awardedRFQ(uint96 price) internal returns (uint256 jobId) {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 1_000;
        jobId = postRFQParts(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors), plan());
        bidAs(s1, jobId, price, floors, address(usd));
        vm.warp(block.timestamp + BIDDING);
        escrow.award(jobId);
    }

    function current(uint256 jobId) internal view returns (uint256) {
        return escrow.milestonesOf(jobId).current;
    }

    function deliverPart(address who, uint256 jobId) internal {
        vm.prank(who);
        escrow.deliver(jobId, keccak256("part"), "ipfs://part");
    }

    function confirmPart(uint256 jobId, uint8 rating) internal {
        vm.prank(buyer);
        escrow.confirm(jobId, rating);
    }

    function disputePart(uint256 jobId) internal {
        vm.prank(buyer);
        escrow.dispute(jobId, "ipfs://why");
    }

    function respondAs(address who, uint256 jobId) internal {
        vm.prank(who);
        escrow.respond(jobId, "ipfs://answer");
    }

    function ruleAs(uint256 jobId, uint16 bps) internal {
        vm.prank(arbitrator);
        escrow.rule(jobId, bps, keccak256("reason"));
    }

    function net(uint256 gross) internal pure returns (uint256) {
        return gross - gross * FEE_BPS / 10_000;
    }

    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    function test_post_storesTheScheduleAndMarksTheJob() public {
        uint256 before = usd.balanceOf(address(escrow));
        uint256 jobId = postParts(address(usd));

        Tender.Job memory job = escrow.job(jobId);
        assertEq(job.flags, Tender.FLAG_DIRECT | Tender.FLAG_MILESTONES, "flags");
        assertEq(job.deadline, START + W0, "first milestone's deadline");
        assertEq(uint256(job.status), uint256(Tender.Status.Awarded), "awarded");
        Tender.Milestones memory ms = escrow.milestonesOf(jobId);
        assertEq(ms.count, 3, "count");
        assertEq(ms.current, 0, "current");
        assertEq(ms.shareBps[1], 2_000, "share 1");
        assertEq(ms.deliveryWindows[2], W2, "window 2");
        assertEq(ms.shareBps[3], 0, "unused share");
        assertEq(usd.balanceOf(address(escrow)) - before, PRICE, "price escrowed");
        assertEq(escrow.buyerRecord(buyer).posted, 1, "posted");
    }

    function test_post_inEth() public {
        uint256 jobId = postParts(ETH);
        assertEq(address(escrow).balance, PRICE, "price escrowed");
        assertEq(escrow.milestonesOf(jobId).count, 3, "count");
    }

    function test_post_failsForTooFewOrTooManyMilestones() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        Tender.Milestone[] memory one = new Tender.Milestone[](1);
        one[0] = Tender.Milestone({shareBps: 10_000, deliveryWindow: W0});
        vm.expectRevert(abi.encodeWithSelector(ITenderMilestones.InvalidMilestoneCount.selector, 1, 8));
        postParts(hire, one);

        Tender.Milestone[] memory nine = new Tender.Milestone[](9);
        for (uint256 i; i < 9; ++i) nine[i] = Tender.Milestone({shareBps: 1_000, deliveryWindow: W0});
        nine[8].shareBps = 2_000;
        vm.expectRevert(abi.encodeWithSelector(ITenderMilestones.InvalidMilestoneCount.selector, 9, 8));
        postParts(hire, nine);
    }

    function test_post_takesEightMilestones() public {
        Tender.Milestone[] memory eight = new Tender.Milestone[](8);
        for (uint256 i; i < 8; ++i) eight[i] = Tender.Milestone({shareBps: 1_250, deliveryWindow: W0});
        uint256 jobId = postParts(hireOf(address(usd)), eight);
        assertEq(escrow.milestonesOf(jobId).count, 8, "count");
    }

    function test_post_failsForBadShares() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        Tender.Milestone[] memory ms = plan();
        ms[1].shareBps = 0;
        ms[2].shareBps = 7_000;
        vm.expectRevert(abi.encodeWithSelector(ITenderMilestones.ZeroMilestoneShare.selector, 1));
        postParts(hire, ms);

        ms = plan();
        ms[2].shareBps = 4_999;
        vm.expectRevert(abi.encodeWithSelector(ITenderMilestones.MilestoneSharesMismatch.selector, 9_999));
        postParts(hire, ms);
    }

    function test_post_failsForBadWindows() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        Tender.Milestone[] memory ms = plan();
        ms[0].deliveryWindow = W1;
        vm.expectRevert(abi.encodeWithSelector(ITenderMilestones.MilestoneWindowMismatch.selector, W0, W1));
        postParts(hire, ms);

        ms = plan();
        ms[2].deliveryWindow = MIN_WINDOW - 1;
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MIN_WINDOW - 1, MIN_WINDOW, MAX_WINDOW)
        );
        postParts(hire, ms);
    }

    function test_post_checksTheJobAsAPlainPostDoes() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.price = 0;
        vm.expectRevert(ITenderEscrow.ZeroPrice.selector);
        postParts(hire, plan());
        hire = hireOf(ETH);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 1, PRICE));
        escrow.postDirectHireInMilestones{value: 1}(hire, plan());
    }

    function test_module_refusesDirectCalls_andTheEscrowRefusesAModuleForOtherSettings() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        milestonesModule.postDirectHireInMilestones(hire, plan());
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        milestonesModule.confirm(1, 5);

        TenderMilestones other = new TenderMilestones(MIN_WINDOW, MAX_WINDOW, RESPONSE + 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidModule.selector, address(other)));
        new TenderEscrow(owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, other, signedModule);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidModule.selector, stranger));
        new TenderEscrow(
            owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, TenderMilestones(stranger), signedModule
        );
        assertEq(escrow.milestonesModule(), address(milestonesModule), "module named");
    }

    function test_plainJob_hasNoSchedule_andRunsAsBefore() public {
        uint256 jobId = postAndDeliver(address(usd));
        confirmPart(jobId, 5);
        // Nothing of the three milestone slots was written: every field of the view reads zero.
        Tender.Milestones memory ms = escrow.milestonesOf(jobId);
        assertEq(uint256(ms.count) + ms.current + ms.settledBps + ms.settled, 0, "no schedule");
        for (uint256 i; i < 8; ++i) assertEq(uint256(ms.shareBps[i]) + ms.deliveryWindows[i], 0, "no milestone");
        assertEq(escrow.job(jobId).flags, Tender.FLAG_DIRECT, "flags");
        assertStatus(jobId, Tender.Status.Settled);
    }

    /*//////////////////////////////////////////////////////////////
                           MILESTONE BY MILESTONE
    //////////////////////////////////////////////////////////////*/

    function test_threeMilestones_payEachShare_theLastTheRemainder_andCountOnce() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.price = 100e6 + 7; // 30% and 20% round down; the last takes the rest
        uint256 jobId = postParts(hire, plan());
        uint256 gross0 = uint256(hire.price) * 3_000 / 10_000;
        uint256 gross1 = uint256(hire.price) * 2_000 / 10_000;
        uint256 gross2 = hire.price - gross0 - gross1;

        deliverPart(supplier, jobId);
        assertEq(escrow.supplierRecord(supplier).won, 1, "won at the first delivery");
        uint256 before = usd.balanceOf(supplier);
        vm.warp(block.timestamp + 1 hours);
        confirmPart(jobId, 0);
        assertEq(usd.balanceOf(supplier) - before, net(gross0), "first share, net");
        assertEq(current(jobId), 1, "second milestone");
        Tender.Job memory job = escrow.job(jobId);
        assertEq(uint256(job.status), uint256(Tender.Status.Awarded), "awarded again");
        assertEq(job.deadline, block.timestamp + W1, "window from the settlement");
        assertEq(escrow.supplierRecord(supplier).completed, 0, "not completed yet");

        deliverPart(supplier, jobId);
        confirmPart(jobId, 0);
        deliverPart(supplier, jobId);
        assertEq(escrow.supplierRecord(supplier).won, 1, "won once");
        confirmPart(jobId, 4);

        assertStatus(jobId, Tender.Status.Settled);
        assertEq(usd.balanceOf(supplier) - before, net(gross0) + net(gross1) + net(gross2), "every share, net");
        Tender.SupplierRecord memory record = escrow.supplierRecord(supplier);
        assertEq(record.completed, 1, "completed once");
        assertEq(record.ratingCount, 1, "one rating");
        assertEq(record.ratingSum, 4, "the last's rating");
        assertEq(escrow.buyerRecord(buyer).paid, 1, "paid once");
        assertEq(escrow.completedVolume(supplier, address(usd)), hire.price, "volume: the whole price");
        assertEq(
            escrow.protocolFees(address(usd)),
            gross0 * FEE_BPS / 10_000 + gross1 * FEE_BPS / 10_000 + gross2 * FEE_BPS / 10_000,
            "fee per part"
        );
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
    }

    function test_confirm_ratesOnlyTheLast() public {
        uint256 jobId = postParts(address(usd));
        deliverPart(supplier, jobId);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMilestones.RatingOnlyOnLastMilestone.selector, 0, 5));
        escrow.confirm(jobId, 5);
        confirmPart(jobId, 0);
        deliverPart(supplier, jobId);
        confirmPart(jobId, 0);
        deliverPart(supplier, jobId);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidRating.selector, 0));
        escrow.confirm(jobId, 0);
        confirmPart(jobId, 5);
    }

    function test_actions_checkRoleStatusAndDeadlines() public {
        uint256 jobId = postParts(address(usd));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, stranger));
        escrow.deliver(jobId, keccak256("x"), "ipfs://x");
        vm.prank(supplier);
        vm.expectRevert(ITenderEscrow.EmptyDeliverable.selector);
        escrow.deliver(jobId, bytes32(0), "ipfs://x");
        vm.prank(buyer);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Delivered, Tender.Status.Awarded));
        escrow.confirm(jobId, 0);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, START + W0));
        escrow.refund(jobId);

        deliverPart(supplier, jobId);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, stranger));
        escrow.confirm(jobId, 0);
        uint256 reviewEnds = block.timestamp + REVIEW;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, reviewEnds));
        escrow.finalize(jobId);
        vm.warp(reviewEnds);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, reviewEnds));
        escrow.confirm(jobId, 0);
        vm.prank(stranger);
        escrow.finalize(jobId); // anyone, at the end of the review window
        assertEq(current(jobId), 1, "finalized into the next");

        // The second milestone's delivery deadline runs from that settlement.
        uint256 deliverBy = block.timestamp + W1;
        vm.warp(deliverBy);
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, deliverBy));
        escrow.deliver(jobId, keccak256("x"), "ipfs://x");
    }

    /*//////////////////////////////////////////////////////////////
                                EARLY ENDS
    //////////////////////////////////////////////////////////////*/

    function test_refund_afterAMissedMilestone_returnsEveryUnsettledOne() public {
        uint256 jobId = postParts(address(usd));
        deliverPart(supplier, jobId);
        confirmPart(jobId, 0);
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.warp(block.timestamp + W1);
        vm.prank(stranger);
        escrow.refund(jobId);

        assertStatus(jobId, Tender.Status.Refunded);
        assertEq(usd.balanceOf(buyer) - buyerBefore, PRICE - uint256(PRICE) * 3_000 / 10_000, "the unsettled 70%");
        assertEq(escrow.supplierRecord(supplier).refunded, 1, "a job it had won ended early");
        assertEq(escrow.completedVolume(supplier, address(usd)), uint256(PRICE) * 3_000 / 10_000, "paid part");
        assertEq(escrow.supplierRecord(supplier).completed, 0, "not completed");
    }

    function test_decline_ofTheFirstMilestone_writesNoRecord_ofALaterOneCountsADecline() public {
        uint256 jobId = postParts(ETH);
        uint256 buyerBefore = buyer.balance;
        vm.prank(supplier);
        escrow.decline(jobId);
        assertEq(buyer.balance - buyerBefore, PRICE, "all back");
        assertEq(escrow.supplierRecord(supplier).declined, 0, "never agreed: no record");

        jobId = postParts(ETH);
        deliverPart(supplier, jobId);
        confirmPart(jobId, 0);
        vm.prank(supplier);
        escrow.decline(jobId);
        assertStatus(jobId, Tender.Status.Refunded);
        assertEq(escrow.supplierRecord(supplier).declined, 1, "declined a job it had won");
        assertEq(address(escrow).balance, escrow.protocolFees(ETH), "only fees left");
    }

    /*//////////////////////////////////////////////////////////////
                                  RFQS
    //////////////////////////////////////////////////////////////*/

    function test_rfq_paysTheWinningPriceInParts_withTheBondInProportion() public {
        uint256 jobId = awardedRFQ(600e6);
        uint256 bond = uint256(MAX) * 1_000 / 10_000;
        Tender.Job memory job = escrow.job(jobId);
        assertEq(job.deadline, block.timestamp + W0, "first window from the award");
        assertEq(escrow.supplierRecord(s1).won, 1, "won at the award");

        uint256 before = usd.balanceOf(s1);
        deliverPart(s1, jobId);
        confirmPart(jobId, 0);
        uint256 bond0 = bond * 3_000 / 10_000;
        assertEq(usd.balanceOf(s1) - before, net(180e6) + bond0, "30% of the winning price and 30% of the bond");
        assertEq(escrow.bidOf(jobId, s1).bond, bond - bond0, "the rest of the bond still staked");

        deliverPart(s1, jobId);
        confirmPart(jobId, 0);
        deliverPart(s1, jobId);
        confirmPart(jobId, 5);
        assertEq(usd.balanceOf(s1) - before, net(180e6) + net(120e6) + net(300e6) + bond, "all of it");
        assertEq(escrow.bidOf(jobId, s1).bond, 0, "bond paid back");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
    }

    function test_rfq_missedMilestone_forfeitsTheRestOfTheBond() public {
        uint256 jobId = awardedRFQ(600e6);
        uint256 bond = uint256(MAX) * 1_000 / 10_000;
        deliverPart(s1, jobId);
        confirmPart(jobId, 0);
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.warp(block.timestamp + W1);
        escrow.refund(jobId);
        assertEq(
            usd.balanceOf(buyer) - buyerBefore, 420e6 + bond - bond * 3_000 / 10_000, "the unsettled 70% and the bond's rest"
        );
        assertEq(escrow.supplierRecord(s1).refunded, 1, "refunded");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
    }

    /*//////////////////////////////////////////////////////////////
                                 DISPUTES
    //////////////////////////////////////////////////////////////*/

    function test_dispute_overAMilestone_wonBySupplier_goesOnToTheNext() public {
        uint256 jobId = awardedRFQ(600e6);
        uint256 bond0 = uint256(MAX) * 1_000 / 10_000 * 3_000 / 10_000;
        deliverPart(s1, jobId);
        uint256 fee = 180e6 * ARB_FEE_BPS / 10_000;
        uint256 buyerBefore = usd.balanceOf(buyer);
        disputePart(jobId);
        assertEq(buyerBefore - usd.balanceOf(buyer), fee, "fee on the milestone's share");
        uint256 s1Before = usd.balanceOf(s1);
        respondAs(s1, jobId);
        assertEq(s1Before - usd.balanceOf(s1), fee, "the same fee");
        buyerBefore = usd.balanceOf(buyer);
        s1Before = usd.balanceOf(s1);
        ruleAs(jobId, 3_000);

        uint256 toBuyer = 180e6 * 3_000 / 10_000;
        assertEq(usd.balanceOf(buyer) - buyerBefore, toBuyer, "its split, no fee back");
        assertEq(usd.balanceOf(s1) - s1Before, net(180e6 - toBuyer) + fee + bond0, "the rest, its fee, its bond part");
        assertEq(usd.balanceOf(arbitrator), fee, "arbitrator paid");
        assertEq(current(jobId), 1, "on to the next");
        Tender.Job memory job = escrow.job(jobId);
        assertEq(uint256(job.status), uint256(Tender.Status.Awarded), "awarded again");
        assertFalse(job.answered, "a fresh dispute state");
        assertEq(escrow.buyerRecord(buyer).disputesLost, 1, "the buyer lost it");

        // The next milestone can be disputed afresh.
        deliverPart(s1, jobId);
        disputePart(jobId);
        respondAs(s1, jobId);
        ruleAs(jobId, 0);
        deliverPart(s1, jobId);
        confirmPart(jobId, 5);
        assertStatus(jobId, Tender.Status.Settled);
        assertEq(escrow.supplierRecord(s1).disputesFaced, 2, "two milestone disputes");
        assertEq(escrow.supplierRecord(s1).completed, 1, "completed once");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
    }

    function test_dispute_lostBySupplier_endsTheJob_refundingTheRest() public {
        uint256 jobId = awardedRFQ(600e6);
        uint256 bond = uint256(MAX) * 1_000 / 10_000;
        deliverPart(s1, jobId);
        confirmPart(jobId, 0);
        deliverPart(s1, jobId); // the second milestone: 20% = 120
        uint256 fee = 120e6 * ARB_FEE_BPS / 10_000;
        disputePart(jobId);
        respondAs(s1, jobId);
        uint256 buyerBefore = usd.balanceOf(buyer);
        uint256 s1Before = usd.balanceOf(s1);
        ruleAs(jobId, 7_000);

        uint256 toBuyer = 120e6 * 7_000 / 10_000;
        uint256 bondLeft = bond - bond * 3_000 / 10_000;
        assertEq(
            usd.balanceOf(buyer) - buyerBefore, toBuyer + fee + 300e6 + bondLeft, "split, fee, the last 50%, the bond's rest"
        );
        assertEq(usd.balanceOf(s1) - s1Before, net(120e6 - toBuyer), "its share of the ruling");
        assertStatus(jobId, Tender.Status.Refunded);
        Tender.SupplierRecord memory record = escrow.supplierRecord(s1);
        assertEq(record.disputesLost, 1, "lost");
        assertEq(record.refunded, 1, "ended early");
        assertEq(record.completed, 0, "not completed");
        assertEq(escrow.completedVolume(s1, address(usd)), 180e6 + 120e6 - toBuyer, "paid parts in the volume");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
    }

    function test_dispute_unanswered_endsTheJob_silentArbitrator_goesOn() public {
        uint256 jobId = postParts(address(usd));
        deliverPart(supplier, jobId);
        disputePart(jobId);
        vm.warp(block.timestamp + RESPONSE);
        uint256 buyerBefore = usd.balanceOf(buyer);
        escrow.settleDispute(jobId);
        assertEq(usd.balanceOf(buyer) - buyerBefore, PRICE + 30e6 * ARB_FEE_BPS / 10_000, "everything and its fee");
        assertStatus(jobId, Tender.Status.Refunded);

        jobId = postParts(address(usd));
        deliverPart(supplier, jobId);
        disputePart(jobId);
        respondAs(supplier, jobId);
        vm.warp(block.timestamp + RULE_WINDOW);
        uint256 supplierBefore = usd.balanceOf(supplier);
        escrow.settleDispute(jobId);
        // The default split is 5,000: half of 30 to each side, both fees back.
        uint256 fee = 30e6 * ARB_FEE_BPS / 10_000;
        assertEq(usd.balanceOf(supplier) - supplierBefore, net(15e6) + fee, "half, net, and its fee");
        assertEq(current(jobId), 1, "on to the next");
        assertEq(escrow.arbitrator(arbitrator).timedOut, 1, "time-out counted");
    }

    function test_dispute_ofTheLastMilestone_settlesTheJob() public {
        uint256 jobId = postParts(address(usd));
        deliverPart(supplier, jobId);
        confirmPart(jobId, 0);
        deliverPart(supplier, jobId);
        confirmPart(jobId, 0);
        deliverPart(supplier, jobId);
        disputePart(jobId);
        respondAs(supplier, jobId);
        ruleAs(jobId, 7_000);
        assertStatus(jobId, Tender.Status.Settled);
        assertEq(escrow.supplierRecord(supplier).completed, 1, "completed: it was paid a share");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
    }

    /*//////////////////////////////////////////////////////////////
                                 HOLDBACK
    //////////////////////////////////////////////////////////////*/

    function test_holdback_holdsEachMilestone_underItsOwnWarranty() public {
        Tender.DirectHire memory hire = heldHireOf(address(usd), PRICE, 2_000);
        uint256 jobId = postParts(hire, plan());
        deliverPart(supplier, jobId);
        uint256 before = usd.balanceOf(supplier);
        confirmPart(jobId, 0);
        uint256 held0 = 30e6 * 2_000 / 10_000;
        assertEq(usd.balanceOf(supplier) - before, net(30e6 - held0), "paid less the held share");
        Tender.Held memory h0 = escrow.heldOf(jobId, 0);
        assertEq(h0.amount, held0, "payment 0 held");
        assertEq(h0.warrantyEndsAt, block.timestamp + WARRANTY, "its own warranty");

        vm.warp(block.timestamp + 1 days);
        deliverPart(supplier, jobId);
        confirmPart(jobId, 0);
        assertEq(escrow.heldOf(jobId, 1).amount, 20e6 * 2_000 / 10_000, "payment 1 held");
        assertEq(escrow.heldOf(jobId, 1).warrantyEndsAt, block.timestamp + WARRANTY, "its own warranty");

        // The third milestone is missed: the job ends, the held shares stay under their warranties.
        vm.warp(block.timestamp + W2);
        escrow.refund(jobId);
        vm.prank(buyer);
        escrow.claim(jobId, 1, 1e6, "ipfs://broken");
        assertEq(uint256(escrow.heldOf(jobId, 1).claim), uint256(Tender.ClaimStatus.Filed), "claim on payment 1");
        vm.warp(h0.warrantyEndsAt);
        before = usd.balanceOf(supplier);
        escrow.release(jobId, 0);
        assertEq(usd.balanceOf(supplier) - before, net(held0), "payment 0 released");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 2));
        escrow.release(jobId, 2);
    }

    /*//////////////////////////////////////////////////////////////
                                  FUZZ
    //////////////////////////////////////////////////////////////*/

    /// @dev Any price, any 2–8 shares: the parts paid by confirm sum to the price, each within a unit of its share,
    /// and the escrow keeps only the protocol fees.
    function testFuzz_parts_sumToThePrice(uint96 price, uint8 countSeed, uint256 shareSeed) public {
        price = uint96(bound(price, 1, 1e30));
        uint256 count = bound(countSeed, 2, 8);
        Tender.Milestone[] memory ms = new Tender.Milestone[](count);
        uint256 left = 10_000;
        for (uint256 i; i < count; ++i) {
            uint256 share = i + 1 == count ? left : bound(uint256(keccak256(abi.encode(shareSeed, i))), 1, left - (count - 1 - i));
            ms[i] = Tender.Milestone({shareBps: uint16(share), deliveryWindow: W0});
            left -= share;
        }
        usd.mint(buyer, price);
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.price = price;
        uint256 jobId = postParts(hire, ms);

        uint256 before = usd.balanceOf(supplier);
        uint256 fees;
        uint256 gross;
        for (uint256 i; i < count; ++i) {
            deliverPart(supplier, jobId);
            uint256 part = i + 1 == count ? price - gross : uint256(price) * ms[i].shareBps / 10_000;
            assertLt(part, uint256(price) * ms[i].shareBps / 10_000 + (i + 1 == count ? count : 1), "part within its share");
            confirmPart(jobId, i + 1 == count ? 5 : 0);
            gross += part;
            fees += part * FEE_BPS / 10_000;
        }
        assertEq(gross, price, "parts sum to the price");
        assertEq(usd.balanceOf(supplier) - before, price - fees, "paid the price less the fee on each part");
        assertEq(escrow.protocolFees(address(usd)), fees, "fees");
        assertEq(usd.balanceOf(address(escrow)), fees, "only fees left");
        assertEq(escrow.completedVolume(supplier, address(usd)), price, "volume");
    }
}
