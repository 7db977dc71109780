// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {EscrowTest} from "./utils/EscrowTest.sol";

/// @notice deliver, decline, refund, confirm, finalize, dispute: every transition, every refusal, and each
/// deadline one second before, at and after, in ETH and in ERC-20.
contract LifecycleTest is EscrowTest {
    bytes32 internal constant WORK = keccak256("work");

    function deliverAs(address who, uint256 jobId) internal {
        vm.prank(who);
        escrow.deliver(jobId, WORK, "ipfs://work");
    }

    function both() internal view returns (address[2] memory tokens) {
        tokens = [ETH, address(usd)];
    }

    /*//////////////////////////////////////////////////////////////
                                 DELIVER
    //////////////////////////////////////////////////////////////*/

    function test_deliver_startsReviewWindow() public {
        uint256 jobId = post(address(usd));
        vm.warp(START + DELIVERY - 1); // one second before the deadline
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.JobDelivered(jobId, WORK, "ipfs://work", uint40(START + DELIVERY - 1 + REVIEW));
        deliverAs(supplier, jobId);
        assertStatus(jobId, Tender.Status.Delivered);
        assertEq(escrow.job(jobId).deadline, START + DELIVERY - 1 + REVIEW, "review ends");
        assertEq(escrow.supplierRecord(supplier).won, 1, "a direct hire counts as won once delivered");
        assertEq(escrow.supplierRecord(supplier).completed, 0, "and completed once paid");
    }

    function test_deliver_failsAtAndAfterDeadline() public {
        uint256 jobId = post(ETH);
        vm.warp(START + DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, START + DELIVERY));
        deliverAs(supplier, jobId);
        vm.warp(START + DELIVERY + 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, START + DELIVERY));
        deliverAs(supplier, jobId);
    }

    function test_deliver_failsForOthers() public {
        uint256 jobId = post(ETH);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        deliverAs(buyer, jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, stranger));
        deliverAs(stranger, jobId);
    }

    function test_deliver_failsForUnknownJob() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.UnknownJob.selector, 7));
        deliverAs(supplier, 7);
    }

    function test_deliver_failsWithoutHashOrUri() public {
        uint256 jobId = post(ETH);
        vm.startPrank(supplier);
        vm.expectRevert(ITenderEscrow.EmptyDeliverable.selector);
        escrow.deliver(jobId, bytes32(0), "ipfs://work");
        vm.expectRevert(ITenderEscrow.EmptyDeliverable.selector);
        escrow.deliver(jobId, WORK, "");
        vm.stopPrank();
        assertStatus(jobId, Tender.Status.Awarded);
    }

    function test_deliver_failsTwice() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Awarded, Tender.Status.Delivered));
        deliverAs(supplier, jobId);
    }

    /*//////////////////////////////////////////////////////////////
                                 DECLINE
    //////////////////////////////////////////////////////////////*/

    function test_decline_refundsBuyerInFull_andWritesNoRecord() public {
        for (uint256 i; i < 2; ++i) {
            address token = both()[i];
            uint256 jobId = post(token);
            uint256 before = balanceOf(token, buyer);
            vm.warp(START + DELIVERY - 1);
            vm.expectEmit(address(escrow));
            emit ITenderEscrow.JobRefunded(jobId, true, PRICE, 0);
            vm.prank(supplier);
            escrow.decline(jobId);
            assertStatus(jobId, Tender.Status.Refunded);
            assertEq(balanceOf(token, buyer), before + PRICE, "buyer refunded");
            assertEq(balanceOf(token, address(escrow)), 0, "escrow empty");
            vm.warp(START);
        }
        Tender.SupplierRecord memory record = escrow.supplierRecord(supplier);
        assertEq(record.declined + record.won + record.refunded, 0, "direct-hire declines write nothing");
        assertEq(escrow.buyerRecord(buyer).posted, 2, "posted still counts");
    }

    function test_decline_failsAtDeadline() public {
        uint256 jobId = post(ETH);
        vm.warp(START + DELIVERY);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, START + DELIVERY));
        vm.prank(supplier);
        escrow.decline(jobId);
    }

    function test_decline_failsAfterDeadline() public {
        uint256 jobId = post(ETH);
        vm.warp(START + DELIVERY + 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, START + DELIVERY));
        vm.prank(supplier);
        escrow.decline(jobId);
    }

    function test_decline_failsForOthers() public {
        uint256 jobId = post(ETH);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        vm.prank(buyer);
        escrow.decline(jobId);
    }

    function test_decline_failsAfterDelivery() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Awarded, Tender.Status.Delivered));
        vm.prank(supplier);
        escrow.decline(jobId);
    }

    /*//////////////////////////////////////////////////////////////
                                 REFUND
    //////////////////////////////////////////////////////////////*/

    function test_refund_byAnyoneAtDeadline() public {
        for (uint256 i; i < 2; ++i) {
            address token = both()[i];
            uint256 jobId = post(token);
            uint256 before = balanceOf(token, buyer);
            vm.warp(START + DELIVERY);
            vm.expectEmit(address(escrow));
            emit ITenderEscrow.JobRefunded(jobId, false, PRICE, 0);
            vm.prank(stranger);
            escrow.refund(jobId);
            assertStatus(jobId, Tender.Status.Refunded);
            assertEq(balanceOf(token, buyer), before + PRICE, "buyer refunded");
            vm.warp(START);
        }
        assertEq(escrow.supplierRecord(supplier).refunded, 0, "direct-hire non-delivery writes nothing");
    }

    function test_refund_afterDeadline() public {
        uint256 jobId = post(ETH);
        vm.warp(START + DELIVERY + 1);
        escrow.refund(jobId);
        assertStatus(jobId, Tender.Status.Refunded);
    }

    function test_refund_failsBeforeDeadline() public {
        uint256 jobId = post(ETH);
        vm.warp(START + DELIVERY - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, START + DELIVERY));
        escrow.refund(jobId);
    }

    function test_refund_failsOnceDelivered() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.warp(START + DELIVERY);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Awarded, Tender.Status.Delivered));
        escrow.refund(jobId);
    }

    function test_refund_failsTwice() public {
        uint256 jobId = post(ETH);
        vm.warp(START + DELIVERY);
        escrow.refund(jobId);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Awarded, Tender.Status.Refunded));
        escrow.refund(jobId);
    }

    /*//////////////////////////////////////////////////////////////
                                 CONFIRM
    //////////////////////////////////////////////////////////////*/

    function test_confirm_paysSupplierMinusFee_andWritesRecords() public {
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        for (uint256 i; i < 2; ++i) {
            address token = both()[i];
            uint256 jobId = postAndDeliver(token);
            uint256 before = balanceOf(token, supplier);
            vm.warp(block.timestamp + REVIEW - 1);
            vm.expectEmit(address(escrow));
            emit ITenderEscrow.JobSettled(jobId, uint8(4 + i), PRICE - fee, fee);
            vm.prank(buyer);
            escrow.confirm(jobId, uint8(4 + i));
            assertStatus(jobId, Tender.Status.Settled);
            assertEq(balanceOf(token, supplier), before + PRICE - fee, "supplier paid");
            assertEq(escrow.protocolFees(token), fee, "fee accrued");
            assertEq(balanceOf(token, address(escrow)), fee, "escrow keeps only the fee");
            assertEq(escrow.completedVolume(supplier, token), PRICE, "volume in the job's token");
        }
        Tender.SupplierRecord memory record = escrow.supplierRecord(supplier);
        assertEq(record.won, 2, "won");
        assertEq(record.completed, 2, "completed");
        assertEq(record.ratingSum, 9, "rating sum");
        assertEq(record.ratingCount, 2, "rating count");
        assertEq(escrow.buyerRecord(buyer).paid, 2, "buyer paid");
    }

    function test_confirm_failsAtEndOfReview() public {
        uint256 jobId = postAndDeliver(ETH);
        uint256 reviewEnds = block.timestamp + REVIEW;
        vm.warp(reviewEnds);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, reviewEnds));
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
    }

    function test_confirm_failsAfterEndOfReview() public {
        uint256 jobId = postAndDeliver(ETH);
        uint256 reviewEnds = block.timestamp + REVIEW;
        vm.warp(reviewEnds + 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, reviewEnds));
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
    }

    function test_confirm_failsForOthers() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, supplier));
        vm.prank(supplier);
        escrow.confirm(jobId, 5);
    }

    function test_confirm_failsForRatingOutsideOneToFive() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.startPrank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidRating.selector, 0));
        escrow.confirm(jobId, 0);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidRating.selector, 6));
        escrow.confirm(jobId, 6);
        escrow.confirm(jobId, 1);
        vm.stopPrank();
        assertEq(escrow.supplierRecord(supplier).ratingSum, 1, "rating 1 accepted");
    }

    function test_confirm_failsBeforeDelivery() public {
        uint256 jobId = post(ETH);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Delivered, Tender.Status.Awarded));
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
    }

    function test_confirm_failsTwice() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.startPrank(buyer);
        escrow.confirm(jobId, 5);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Delivered, Tender.Status.Settled));
        escrow.confirm(jobId, 5);
        vm.stopPrank();
    }

    /*//////////////////////////////////////////////////////////////
                                FINALIZE
    //////////////////////////////////////////////////////////////*/

    function test_finalize_byAnyoneAtEndOfReview_withoutRating() public {
        uint256 fee = uint256(PRICE) * FEE_BPS / 10_000;
        for (uint256 i; i < 2; ++i) {
            address token = both()[i];
            uint256 jobId = postAndDeliver(token);
            uint256 before = balanceOf(token, supplier);
            vm.warp(block.timestamp + REVIEW);
            vm.expectEmit(address(escrow));
            emit ITenderEscrow.JobSettled(jobId, 0, PRICE - fee, fee);
            vm.prank(stranger);
            escrow.finalize(jobId);
            assertStatus(jobId, Tender.Status.Settled);
            assertEq(balanceOf(token, supplier), before + PRICE - fee, "supplier paid");
        }
        Tender.SupplierRecord memory record = escrow.supplierRecord(supplier);
        assertEq(record.completed, 2, "completed");
        assertEq(record.ratingCount, 0, "no rating from a timeout");
        assertEq(escrow.buyerRecord(buyer).paid, 2, "paid");
    }

    function test_finalize_afterEndOfReview() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.warp(block.timestamp + REVIEW + 1);
        escrow.finalize(jobId);
        assertStatus(jobId, Tender.Status.Settled);
    }

    function test_finalize_failsBeforeEndOfReview() public {
        uint256 jobId = postAndDeliver(ETH);
        uint256 reviewEnds = block.timestamp + REVIEW;
        vm.warp(reviewEnds - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, reviewEnds));
        escrow.finalize(jobId);
    }

    function test_finalize_failsBeforeDelivery() public {
        uint256 jobId = post(ETH);
        vm.warp(START + DELIVERY + REVIEW);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Delivered, Tender.Status.Awarded));
        escrow.finalize(jobId);
    }

    function test_finalize_failsAfterConfirm() public {
        uint256 jobId = postAndDeliver(ETH);
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        vm.warp(block.timestamp + REVIEW);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Delivered, Tender.Status.Settled));
        escrow.finalize(jobId);
    }

    function test_finalize_withZeroFee_paysWholePrice() public {
        vm.prank(owner);
        escrow.setProtocolFee(0);
        uint256 jobId = postAndDeliver(address(usd));
        vm.warp(block.timestamp + REVIEW);
        escrow.finalize(jobId);
        assertEq(usd.balanceOf(supplier), PRICE, "whole price");
        assertEq(escrow.protocolFees(address(usd)), 0, "no fee");
    }
}
