// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITenderArbitration} from "../../contracts/interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {MarketTest} from "./utils/MarketTest.sol";

/// @notice dispute, respond, submitEvidence, rule, settleDispute: every path, every refusal, the exact money.
contract TenderArbitrationTest is MarketTest {
    uint256 internal constant ARB_FEE_BPS = 200; // the arbitrator's terms in EscrowTest
    uint256 internal constant RULE_WINDOW = 3 days;

    /// @dev A delivered RFQ job won by s1 at 600 mUSD with a 100 mUSD bond, disputed by the buyer.
    function disputedRfq() internal returns (uint256 jobId) {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 1_000;
        jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        bidAs(s1, jobId, 600e6, floors, address(usd));
        vm.warp(START + BIDDING);
        escrow.award(jobId);
        vm.prank(s1);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.dispute(jobId, "ipfs://statement");
    }

    function answer(uint256 jobId, address who) internal {
        vm.prank(who);
        escrow.respond(jobId, "ipfs://response");
    }

    function ruleAs(address who, uint256 jobId, uint16 bps) internal {
        vm.prank(who);
        escrow.rule(jobId, bps, keccak256("reasons"));
    }

    /*//////////////////////////////////////////////////////////////
                                 DISPUTE
    //////////////////////////////////////////////////////////////*/

    function test_dispute_takesTheBuyersFee_andStartsTheResponseWindow() public {
        uint256 jobId = postAndDeliver(address(usd));
        uint256 fee = PRICE * ARB_FEE_BPS / 10_000;
        uint256 before = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeOpened(jobId, arbitrator, "ipfs://statement", fee, uint40(START + RESPONSE));
        vm.prank(buyer);
        escrow.dispute(jobId, "ipfs://statement");
        assertStatus(jobId, Tender.Status.Disputed);
        assertEq(escrow.job(jobId).deadline, START + RESPONSE, "respond-by");
        assertEq(usd.balanceOf(buyer), before - fee, "fee paid");
        assertEq(usd.balanceOf(address(escrow)), PRICE + fee, "held");
        assertEq(escrow.supplierRecord(supplier).disputesFaced, 1, "faced");
        assertEq(escrow.buyerRecord(buyer).disputesOpened, 1, "opened");
        assertEq(escrow.responseWindow(), RESPONSE, "response window");
    }

    function test_dispute_inEth_needsTheExactFee() public {
        uint256 jobId = postAndDeliver(ETH);
        uint256 fee = PRICE * ARB_FEE_BPS / 10_000;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 0, fee));
        escrow.dispute(jobId, "ipfs://s");
        vm.prank(buyer);
        escrow.dispute{value: fee}(jobId, "ipfs://s");
        assertEq(address(escrow).balance, PRICE + fee, "held");
    }

    function test_dispute_failsForOthers_lateOrBeforeDelivery() public {
        uint256 awarded = post(address(usd));
        vm.expectRevert(wrongStatus(awarded, Tender.Status.Delivered, Tender.Status.Awarded));
        vm.prank(buyer);
        escrow.dispute(awarded, "x");
        uint256 jobId = postAndDeliver(address(usd));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, supplier));
        vm.prank(supplier);
        escrow.dispute(jobId, "x");
        vm.warp(START + REVIEW);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, START + REVIEW));
        vm.prank(buyer);
        escrow.dispute(jobId, "x");
    }

    /*//////////////////////////////////////////////////////////////
                          RESPOND AND EVIDENCE
    //////////////////////////////////////////////////////////////*/

    function test_respond_takesTheSuppliersFee_andStartsTheRulingWindow() public {
        uint256 jobId = disputedRfq();
        uint256 fee = 600e6 * ARB_FEE_BPS / 10_000;
        uint256 before = usd.balanceOf(s1);
        vm.warp(block.timestamp + RESPONSE - 1);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeAnswered(jobId, "ipfs://response", uint40(block.timestamp + RULE_WINDOW));
        answer(jobId, s1);
        assertEq(usd.balanceOf(s1), before - fee, "fee paid");
        assertEq(escrow.job(jobId).deadline, block.timestamp + RULE_WINDOW, "rule-by");
        assertTrue(escrow.job(jobId).answered, "answered");
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.AlreadyAnswered.selector, jobId));
        answer(jobId, s1);
    }

    function test_respond_failsForOthers_andAtRespondBy() public {
        uint256 jobId = disputedRfq();
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        answer(jobId, buyer);
        uint256 respondBy = escrow.job(jobId).deadline;
        vm.warp(respondBy);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, respondBy));
        answer(jobId, s1);
        uint256 delivered = postAndDeliver(address(usd));
        vm.expectRevert(wrongStatus(delivered, Tender.Status.Disputed, Tender.Status.Delivered));
        answer(delivered, supplier);
    }

    function test_submitEvidence_byEitherPartyUntilTheEnd() public {
        uint256 jobId = disputedRfq();
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.Evidence(jobId, buyer, "ipfs://logs");
        vm.prank(buyer);
        escrow.submitEvidence(jobId, "ipfs://logs");
        vm.prank(s1);
        escrow.submitEvidence(jobId, "ipfs://tests");
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotParty.selector, jobId, stranger));
        vm.prank(stranger);
        escrow.submitEvidence(jobId, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotParty.selector, jobId, arbitrator));
        vm.prank(arbitrator);
        escrow.submitEvidence(jobId, "x");
        vm.warp(block.timestamp + RESPONSE);
        escrow.settleDispute(jobId);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Disputed, Tender.Status.Settled));
        vm.prank(buyer);
        escrow.submitEvidence(jobId, "late");
    }

    /*//////////////////////////////////////////////////////////////
                                  RULE
    //////////////////////////////////////////////////////////////*/

    function test_rule_refusals() public {
        uint256 jobId = disputedRfq();
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotAnswered.selector, jobId));
        ruleAs(arbitrator, jobId, 0);
        answer(jobId, s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotArbitrator.selector, jobId, buyer));
        ruleAs(buyer, jobId, 10_000);
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.InvalidRuling.selector, 10_001));
        ruleAs(arbitrator, jobId, 10_001);
        uint256 ruleBy = escrow.job(jobId).deadline;
        vm.warp(ruleBy);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, ruleBy));
        ruleAs(arbitrator, jobId, 0);
    }

    function test_rule_forTheSupplier_at0() public {
        uint256 jobId = disputedRfq();
        answer(jobId, s1);
        uint256 price = 600e6;
        uint256 fee = price * ARB_FEE_BPS / 10_000;
        uint256 protocolFee = price * FEE_BPS / 10_000;
        uint256 s1Before = usd.balanceOf(s1);
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.warp(block.timestamp + RULE_WINDOW - 1);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.Ruling(jobId, arbitrator, 0, keccak256("reasons"));
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeSettled(jobId, 0, price - protocolFee + fee + 100e6, fee);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.JobSettled(jobId, 0, price - protocolFee, protocolFee);
        ruleAs(arbitrator, jobId, 0);
        assertStatus(jobId, Tender.Status.Settled);
        assertEq(usd.balanceOf(s1), s1Before + price - protocolFee + fee + 100e6, "price less fee, its fee, its bond");
        assertEq(usd.balanceOf(buyer), buyerBefore, "the buyer lost its fee");
        assertEq(usd.balanceOf(arbitrator), fee, "the loser's fee to the arbitrator");
        assertEq(usd.balanceOf(address(escrow)), protocolFee + 300e6 * 0, "only the protocol fee stays");
        assertEq(escrow.buyerRecord(buyer).disputesLost, 1, "a loss for the buyer");
        assertEq(escrow.supplierRecord(s1).disputesLost, 0, "none for the supplier");
        assertEq(escrow.supplierRecord(s1).completed, 1, "paid, so completed");
        assertEq(escrow.completedVolume(s1, address(usd)), price, "volume");
        assertEq(escrow.arbitrator(arbitrator).rulingsForSupplier, 1, "ruling by side");
    }

    function test_rule_forTheBuyer_at10000() public {
        uint256 jobId = disputedRfq();
        answer(jobId, s1);
        uint256 price = 600e6;
        uint256 fee = price * ARB_FEE_BPS / 10_000;
        uint256 buyerBefore = usd.balanceOf(buyer);
        ruleAs(arbitrator, jobId, 10_000);
        assertEq(usd.balanceOf(buyer), buyerBefore + price + fee + 100e6, "price, its fee and the bond");
        assertEq(usd.balanceOf(arbitrator), fee, "the supplier's fee");
        assertEq(usd.balanceOf(address(escrow)), 0, "nothing left");
        Tender.SupplierRecord memory record = escrow.supplierRecord(s1);
        assertEq(record.disputesLost, 1, "a loss for the supplier");
        assertEq(record.completed, 0, "paid nothing, so not completed");
        assertEq(escrow.buyerRecord(buyer).paid, 0, "not paid");
        assertEq(escrow.arbitrator(arbitrator).rulingsForBuyer, 1, "ruling by side");
    }

    function test_rule_even_at5000_returnsHalfFees_arbitratorKeepsTheRemainder() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.price = 100e6 + 50; // fee 2,000,001: each side gets 1,000,000 back, the arbitrator keeps 2,000,002
        uint256 jobId = post(hire);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.dispute(jobId, "x");
        answer(jobId, supplier);
        uint256 buyerBefore = usd.balanceOf(buyer);
        uint256 supplierBefore = usd.balanceOf(supplier);
        ruleAs(arbitrator, jobId, 5_000);
        uint256 half = (100e6 + 50) / 2;
        uint256 protocolFee = half * FEE_BPS / 10_000;
        assertEq(usd.balanceOf(buyer), buyerBefore + half + 1_000_000, "half the price and half its fee");
        assertEq(usd.balanceOf(supplier), supplierBefore + half - protocolFee + 1_000_000, "half less fee, half fee");
        assertEq(usd.balanceOf(arbitrator), 2 * 2_000_001 - 2 * 1_000_000, "the remainder");
        assertEq(escrow.supplierRecord(supplier).disputesLost + escrow.buyerRecord(buyer).disputesLost, 0, "no loss");
        assertEq(escrow.arbitrator(arbitrator).rulingsEven, 1, "even");
    }

    function test_rule_at7000_byARetiredArbitrator() public {
        uint256 jobId = disputedRfq();
        answer(jobId, s1);
        vm.prank(arbitrator);
        escrow.retireArbitrator();
        uint256 price = 600e6;
        uint256 toBuyer = price * 7_000 / 10_000;
        uint256 protocolFee = (price - toBuyer) * FEE_BPS / 10_000;
        uint256 s1Before = usd.balanceOf(s1);
        uint256 buyerBefore = usd.balanceOf(buyer);
        ruleAs(arbitrator, jobId, 7_000);
        uint256 fee = price * ARB_FEE_BPS / 10_000;
        assertEq(usd.balanceOf(buyer), buyerBefore + toBuyer + fee + 100e6, "70%, its fee, the bond");
        assertEq(usd.balanceOf(s1), s1Before + price - toBuyer - protocolFee, "30% less the protocol fee");
        assertEq(escrow.protocolFees(address(usd)), protocolFee, "fee on the supplier's part only");
        assertEq(escrow.completedVolume(s1, address(usd)), price - toBuyer, "volume: what it was paid");
    }

    /*//////////////////////////////////////////////////////////////
                            DEFAULT SETTLEMENTS
    //////////////////////////////////////////////////////////////*/

    function test_settleDispute_unanswered_goesToTheBuyer() public {
        uint256 jobId = disputedRfq();
        uint256 respondBy = escrow.job(jobId).deadline;
        vm.warp(respondBy - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, respondBy));
        escrow.settleDispute(jobId);
        vm.warp(respondBy);
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeDefaulted(jobId, true, 10_000);
        vm.prank(stranger);
        escrow.settleDispute(jobId);
        uint256 fee = 600e6 * ARB_FEE_BPS / 10_000;
        assertEq(usd.balanceOf(buyer), buyerBefore + 600e6 + fee + 100e6, "price, its fee back, the bond");
        assertEq(usd.balanceOf(arbitrator), 0, "no fee for an unanswered dispute");
        assertEq(escrow.supplierRecord(s1).disputesLost, 1, "a loss for the supplier");
        assertEq(usd.balanceOf(address(escrow)), 0, "nothing left");
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Disputed, Tender.Status.Settled));
        escrow.settleDispute(jobId);
    }

    function test_settleDispute_silentArbitrator_appliesTheDefaultSplit() public {
        uint256 jobId = disputedRfq(); // default split 2,500 bps to the buyer
        answer(jobId, s1);
        uint256 ruleBy = escrow.job(jobId).deadline;
        vm.warp(ruleBy - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, ruleBy));
        escrow.settleDispute(jobId);
        vm.warp(ruleBy);
        uint256 buyerBefore = usd.balanceOf(buyer);
        uint256 s1Before = usd.balanceOf(s1);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeDefaulted(jobId, false, 2_500);
        escrow.settleDispute(jobId);
        uint256 price = 600e6;
        uint256 fee = price * ARB_FEE_BPS / 10_000;
        uint256 toBuyer = price / 4;
        uint256 protocolFee = (price - toBuyer) * FEE_BPS / 10_000;
        assertEq(usd.balanceOf(buyer), buyerBefore + toBuyer + fee, "25% and its fee back");
        assertEq(usd.balanceOf(s1), s1Before + price - toBuyer - protocolFee + fee + 100e6, "75%, fee and bond back");
        assertEq(usd.balanceOf(arbitrator), 0, "a silent arbitrator earns nothing");
        assertEq(escrow.arbitrator(arbitrator).timedOut, 1, "timed out");
        assertEq(escrow.supplierRecord(s1).disputesLost + escrow.buyerRecord(buyer).disputesLost, 0, "no loss");
    }

    function test_settleDispute_silentArbitrator_inEth_withZeroFeeTerms() public {
        address freeArbitrator = makeAddr("free");
        vm.prank(freeArbitrator);
        uint32 freeTerms = escrow.registerArbitrator(0, 1 days, "ipfs://free");
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.arbitrator = freeArbitrator;
        hire.arbitratorTermsId = freeTerms;
        hire.defaultBuyerShareBps = 0;
        uint256 jobId = post(hire);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.dispute(jobId, "x");
        answer(jobId, supplier);
        vm.warp(block.timestamp + 1 days);
        uint256 before = supplier.balance;
        escrow.settleDispute(jobId);
        uint256 protocolFee = PRICE * FEE_BPS / 10_000;
        assertEq(supplier.balance, before + PRICE - protocolFee, "all of it, less the protocol fee");
        assertEq(escrow.supplierRecord(supplier).won, 1, "a delivered direct hire counts once");
    }
}
