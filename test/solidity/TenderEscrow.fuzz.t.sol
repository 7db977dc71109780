// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {EscrowTest} from "./utils/EscrowTest.sol";

/// @notice Amounts, fees, windows and times drawn at random.
contract EscrowFuzzTest is EscrowTest {
    function testFuzz_post_escrowsExactlyThePrice(uint96 price, uint32 deliveryWindow, uint32 reviewWindow, bool eth)
        public
    {
        price = uint96(bound(price, 1, type(uint96).max));
        Tender.DirectHire memory hire = hireOf(eth ? ETH : address(usd));
        hire.price = price;
        hire.deliveryWindow = uint32(bound(deliveryWindow, MIN_WINDOW, MAX_WINDOW));
        hire.reviewWindow = uint32(bound(reviewWindow, MIN_WINDOW, MAX_WINDOW));
        vm.deal(buyer, price);
        usd.mint(buyer, price);
        uint256 before = balanceOf(hire.token, buyer);

        uint256 jobId = post(hire);

        assertEq(balanceOf(hire.token, buyer), before - price, "buyer paid the price");
        assertEq(balanceOf(hire.token, address(escrow)), price, "escrow holds the price");
        assertEq(escrow.job(jobId).deadline, START + hire.deliveryWindow, "deliver-by");
    }

    function testFuzz_post_refusesWindowsOutOfBounds(uint32 window, bool review) public {
        vm.assume(window < MIN_WINDOW || window > MAX_WINDOW);
        Tender.DirectHire memory hire = hireOf(ETH);
        if (review) hire.reviewWindow = window;
        else hire.deliveryWindow = window;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, window, MIN_WINDOW, MAX_WINDOW));
        post(hire);
    }

    function testFuzz_settle_splitsThePriceExactly(uint96 price, uint16 feeBps, uint8 rating, bool eth) public {
        price = uint96(bound(price, 1, type(uint96).max));
        feeBps = uint16(bound(feeBps, 0, 500));
        rating = uint8(bound(rating, 1, 5));
        vm.prank(owner);
        escrow.setProtocolFee(feeBps);
        Tender.DirectHire memory hire = hireOf(eth ? ETH : address(usd));
        hire.price = price;
        vm.deal(buyer, price);
        usd.mint(buyer, price);
        uint256 jobId = post(hire);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, rating);

        uint256 fee = uint256(price) * feeBps / 10_000;
        uint256 paid = balanceOf(hire.token, supplier);
        assertEq(paid + fee, price, "supplier + fee = price");
        assertEq(escrow.protocolFees(hire.token), fee, "fee accrued");
        assertEq(balanceOf(hire.token, address(escrow)), fee, "escrow holds only the fee");
        assertTrue(fee * 10_000 <= uint256(price) * 500, "fee within the cap");
    }

    /// @dev Whatever the time, exactly one of deliver and refund is possible on an awarded job.
    function testFuzz_deliveryDeadline_splitsTime(uint32 deliveryWindow, uint256 elapsed) public {
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.deliveryWindow = uint32(bound(deliveryWindow, MIN_WINDOW, MAX_WINDOW));
        uint256 jobId = post(hire);
        uint256 deadline = START + hire.deliveryWindow;
        elapsed = bound(elapsed, 0, 2 * uint256(MAX_WINDOW));
        vm.warp(START + elapsed);
        if (block.timestamp < deadline) {
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, deadline));
            escrow.refund(jobId);
            vm.prank(supplier);
            escrow.deliver(jobId, keccak256("w"), "ipfs://w");
            assertStatus(jobId, Tender.Status.Delivered);
        } else {
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, deadline));
            vm.prank(supplier);
            escrow.deliver(jobId, keccak256("w"), "ipfs://w");
            escrow.refund(jobId);
            assertStatus(jobId, Tender.Status.Refunded);
        }
    }

    /// @dev Whatever the time, exactly one of confirm and finalize is possible on a delivered job.
    function testFuzz_reviewWindow_splitsTime(uint32 reviewWindow, uint256 elapsed) public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.reviewWindow = uint32(bound(reviewWindow, MIN_WINDOW, MAX_WINDOW));
        uint256 jobId = post(hire);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        uint256 reviewEnds = START + hire.reviewWindow;
        elapsed = bound(elapsed, 0, 2 * uint256(MAX_WINDOW));
        vm.warp(START + elapsed);
        if (block.timestamp < reviewEnds) {
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, reviewEnds));
            escrow.finalize(jobId);
            vm.prank(buyer);
            escrow.confirm(jobId, 3);
        } else {
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, reviewEnds));
            vm.prank(buyer);
            escrow.confirm(jobId, 3);
            escrow.finalize(jobId);
        }
        assertStatus(jobId, Tender.Status.Settled);
    }
}
