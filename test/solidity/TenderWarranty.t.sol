// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {ITenderArbitration} from "../../contracts/interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../../contracts/interfaces/ITenderMarket.sol";
import {ITenderWarranty} from "../../contracts/interfaces/ITenderWarranty.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {RejectingParty} from "./mocks/Actors.sol";
import {ReentrantToken} from "./mocks/AdversarialTokens.sol";
import {WarrantyTest} from "./utils/WarrantyTest.sol";

/// @notice Holdback and clawback: posting with a holdback, what confirm and finalize hold, and every path and refusal
/// of claim, agreeClaim, answerClaim, submitClaimEvidence, ruleClaim, settleClaim, waive, returnHeld and release,
/// with exact balances, in ETH and the ERC-20.
contract TenderWarrantyTest is WarrantyTest {
    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    function test_post_directHireWithHoldback_flagsTheJob_andStoresItsWarranty() public {
        uint256 jobId = post(heldHireOf(address(usd), PRICE, HOLD_BPS));
        Tender.Job memory job_ = escrow.job(jobId);
        assertEq(job_.flags, Tender.FLAG_DIRECT | Tender.FLAG_HOLDBACK, "direct and holdback bits");
        Tender.Warranty memory w = escrow.warrantyOf(jobId);
        assertEq(w.holdbackBps, HOLD_BPS, "holdback bps");
        assertEq(w.warrantyWindow, WARRANTY, "warranty window");
        assertFalse(w.holdBond, "no bond held");
        assertTrue(warrantySlot(jobId) != bytes32(0), "the warranty slot is written");
        Tender.Held memory held = escrow.heldOf(jobId, 0);
        assertEq(held.amount, 0, "nothing held before settlement");
        assertEq(held.warrantyEndsAt, 0, "no warranty running yet");
    }

    function test_post_rfqWithHoldBond_flagsTheJob_andStoresItsWarranty() public {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 1_000;
        Tender.RFQ memory rfq = rfqOf(ETH, Tender.AwardMode.LowestPrice, floors);
        rfq.warranty = warrantyOf(5_000, MAX_WINDOW, true);
        uint256 jobId = postRFQ(rfq);
        assertEq(escrow.job(jobId).flags, Tender.FLAG_HOLDBACK, "holdback bit only");
        Tender.Warranty memory w = escrow.warrantyOf(jobId);
        assertEq(w.holdbackBps, 5_000, "the largest holdback");
        assertEq(w.warrantyWindow, MAX_WINDOW, "the longest window");
        assertTrue(w.holdBond, "bond held");
    }

    function test_post_plainJobs_writeNoWarranty() public {
        uint256 hire = post(address(usd));
        assertEq(escrow.job(hire).flags, Tender.FLAG_DIRECT, "no holdback bit");
        uint256 rfq = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        assertEq(escrow.job(rfq).flags, 0, "no bit at all");
        for (uint256 i; i < 2; ++i) {
            uint256 jobId = i == 0 ? hire : rfq;
            Tender.Warranty memory w = escrow.warrantyOf(jobId);
            assertEq(w.holdbackBps, 0, "no holdback");
            assertEq(w.warrantyWindow, 0, "no window");
            assertFalse(w.holdBond, "no bond");
            assertEq(warrantySlot(jobId), bytes32(0), "the warranty slot is never written");
        }
    }


    function test_post_holdbackAtItsBounds_isAccepted() public {
        Tender.DirectHire memory hire = heldHireOf(ETH, PRICE, 5_000);
        hire.warranty.warrantyWindow = MIN_WINDOW;
        uint256 jobId = post(hire);
        assertEq(escrow.warrantyOf(jobId).holdbackBps, 5_000, "the largest holdback");
        assertEq(escrow.warrantyOf(jobId).warrantyWindow, MIN_WINDOW, "the shortest window");
        hire.warranty = warrantyOf(1, MAX_WINDOW, false);
        jobId = post(hire);
        assertEq(escrow.warrantyOf(jobId).warrantyWindow, MAX_WINDOW, "the longest window");
    }

    function test_post_refusesAHoldbackAbove5000() public {
        Tender.DirectHire memory hire = heldHireOf(address(usd), PRICE, 5_001);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidHoldback.selector, 5_001, false));
        post(hire);
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, noFloors());
        rfq.warranty = warrantyOf(5_001, WARRANTY, true);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidHoldback.selector, 5_001, true));
        postRFQ(rfq);
    }

    /// @dev The window check is the escrow's common one: an out-of-bounds warranty window is refused with
    /// WindowOutOfRange (not InvalidHoldback, though InvalidHoldback's NatSpec names "a warranty window in bounds").
    function test_post_refusesAWarrantyWindowOutOfBounds() public {
        Tender.DirectHire memory hire = heldHireOf(address(usd), PRICE, HOLD_BPS);
        uint32[3] memory windows = [MIN_WINDOW - 1, MAX_WINDOW + 1, 0];
        for (uint256 i; i < windows.length; ++i) {
            hire.warranty.warrantyWindow = windows[i];
            vm.expectRevert(
                abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, windows[i], MIN_WINDOW, MAX_WINDOW)
            );
            post(hire);
        }
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, noFloors());
        rfq.warranty = warrantyOf(HOLD_BPS, MAX_WINDOW + 1, true);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MAX_WINDOW + 1, MIN_WINDOW, MAX_WINDOW)
        );
        postRFQ(rfq);
    }

    function test_post_refusesAWindowOrAHeldBondWithoutAHoldback() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.warranty = warrantyOf(0, WARRANTY, false);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidHoldback.selector, 0, false));
        post(hire);
        hire.warranty = warrantyOf(0, 0, true);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidHoldback.selector, 0, true));
        post(hire);
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, noFloors());
        rfq.warranty = warrantyOf(0, 0, true);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidHoldback.selector, 0, true));
        postRFQ(rfq);
        rfq.warranty = warrantyOf(0, 1, false);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidHoldback.selector, 0, false));
        postRFQ(rfq);
    }

    function test_post_refusesAHeldBondOnADirectHire() public {
        Tender.DirectHire memory hire = heldHireOf(ETH, PRICE, HOLD_BPS);
        hire.warranty.holdBond = true;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidHoldback.selector, HOLD_BPS, true));
        post(hire);
    }

    /*//////////////////////////////////////////////////////////////
                            WHAT SETTLEMENT HOLDS
    //////////////////////////////////////////////////////////////*/

    function test_confirm_holdsTheFlooredShare_eth() public {
        _confirmHolds(ETH);
    }

    function test_confirm_holdsTheFlooredShare_usd() public {
        _confirmHolds(address(usd));
    }

    /// @dev 100.000007 at 10%: 10 held (the 0.7 unit floored away), 90.000007 paid less 1% of it.
    function _confirmHolds(address token) internal {
        uint96 price = PRICE + 7;
        uint256 jobId = post(heldHireOf(token, price, HOLD_BPS));
        deliverAs(supplier, jobId);
        uint256 held = 10_000_000;
        uint256 paid = 90_000_007;
        uint256 fee = 900_000;
        assertEq(held, uint256(price) * HOLD_BPS / 10_000, "floor");
        Books memory before = booksOf(token, supplier);
        vm.warp(START + 1 hours);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentHeld(jobId, 0, held, 0, uint40(START + 1 hours + WARRANTY));
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.JobSettled(jobId, 5, paid - fee, fee);
        confirmAs(buyer, jobId);
        assertPaid(token, supplier, before, 0, paid - fee, 0);
        assertEq(balanceOf(token, address(escrow)), held + fee, "the held share and the fee stay");
        assertEq(escrow.completedVolume(supplier, token), paid, "volume counts only what was paid");
        assertEq(escrow.protocolFees(token), fee, "fee only on what was paid");
        Tender.Held memory h = escrow.heldOf(jobId, 0);
        assertEq(h.amount, held, "held");
        assertEq(h.bond, 0, "no bond on a direct hire");
        assertEq(h.warrantyEndsAt, START + 1 hours + WARRANTY, "warranty runs from settlement");
        assertEq(uint256(h.claim), uint256(Tender.ClaimStatus.None), "no claim");
        assertEq(escrow.supplierRecord(supplier).completed, 1, "completed");
        assertEq(escrow.buyerRecord(buyer).paid, 1, "paid");
    }

    function test_finalize_holds_eth() public {
        _finalizeHolds(ETH);
    }

    function test_finalize_holds_usd() public {
        _finalizeHolds(address(usd));
    }

    function _finalizeHolds(address token) internal {
        uint256 jobId = post(heldHireOf(token, PRICE, 5_000));
        deliverAs(supplier, jobId);
        Books memory before = booksOf(token, supplier);
        vm.warp(START + REVIEW);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentHeld(jobId, 0, 50e6, 0, uint40(START + REVIEW + WARRANTY));
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.JobSettled(jobId, 0, 49.5e6, 0.5e6);
        vm.prank(stranger);
        escrow.finalize(jobId);
        assertPaid(token, supplier, before, 0, 49.5e6, 0);
        assertEq(balanceOf(token, address(escrow)), 50e6 + 0.5e6, "half held, the fee accrued");
        assertEq(escrow.completedVolume(supplier, token), 50e6, "volume");
        assertEq(escrow.protocolFees(token), 0.5e6, "fee");
        assertEq(escrow.heldOf(jobId, 0).warrantyEndsAt, START + REVIEW + WARRANTY, "from finalize");
    }

    function test_disputeOutcomes_neverHold() public {
        uint256 fee = uint256(PRICE) * ARB_FEE_BPS / 10_000;
        // Ruled at 3,000.
        uint256 ruled = post(heldHireOf(address(usd), PRICE, 5_000));
        deliverAs(supplier, ruled);
        vm.prank(buyer);
        escrow.dispute(ruled, "ipfs://s");
        vm.prank(supplier);
        escrow.respond(ruled, "ipfs://r");
        uint256 supplierBefore = usd.balanceOf(supplier);
        vm.prank(arbitrator);
        escrow.rule(ruled, 3_000, bytes32(0));
        assertEq(usd.balanceOf(supplier), supplierBefore + 70e6 - 0.7e6 + fee, "all of its share paid, nothing held");
        assertNothingHeld(ruled, Tender.ClaimStatus.None);
        assertEq(escrow.completedVolume(supplier, address(usd)), 70e6, "its whole share counted");
        // Unanswered, and a silent arbitrator.
        uint256 unanswered = post(heldHireOf(address(usd), PRICE, 5_000));
        uint256 silent = post(heldHireOf(address(usd), PRICE, 5_000));
        deliverAs(supplier, unanswered);
        deliverAs(supplier, silent);
        vm.startPrank(buyer);
        escrow.dispute(unanswered, "ipfs://s");
        escrow.dispute(silent, "ipfs://s");
        vm.stopPrank();
        vm.prank(supplier);
        escrow.respond(silent, "ipfs://r");
        vm.warp(block.timestamp + RESPONSE);
        escrow.settleDispute(unanswered);
        escrow.settleDispute(silent);
        assertStatus(unanswered, Tender.Status.Settled);
        assertStatus(silent, Tender.Status.Settled);
        assertNothingHeld(unanswered, Tender.ClaimStatus.None);
        assertNothingHeld(silent, Tender.ClaimStatus.None);
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "nothing but fees stays");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, ruled, 0));
        vm.prank(buyer);
        escrow.claim(ruled, 0, 1, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, silent, 0));
        escrow.release(silent, 0);
    }

    function test_aHoldbackTooSmall_holdsNothing_eth() public {
        _holdsNothing(ETH);
    }

    function test_aHoldbackTooSmall_holdsNothing_usd() public {
        _holdsNothing(address(usd));
    }

    /// @dev A price of 1 at 10%: ⌊0.1⌋ = 0 held, the whole unit paid (its 1% fee floors to 0).
    function _holdsNothing(address token) internal {
        uint256 jobId = post(heldHireOf(token, 1, HOLD_BPS));
        deliverAs(supplier, jobId);
        Books memory before = booksOf(token, supplier);
        confirmAs(buyer, jobId);
        assertPaid(token, supplier, before, 0, 1, 0);
        assertNothingHeld(jobId, Tender.ClaimStatus.None);
        assertEq(escrow.heldOf(jobId, 0).warrantyEndsAt, 0, "no warranty runs");
        assertEq(escrow.completedVolume(supplier, token), 1, "the unit counts");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
        escrow.release(jobId, 0);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
        vm.prank(buyer);
        escrow.waive(jobId, 0);
    }

    function test_rfq_holdsAsMuchBondAsHeld_whenTheBondIsLarger_eth() public {
        _bondLargerThanHeld(ETH);
    }

    function test_rfq_holdsAsMuchBondAsHeld_whenTheBondIsLarger_usd() public {
        _bondLargerThanHeld(address(usd));
    }

    /// @dev Won at 600 with a 100 bond, 10% held: 60 held with 60 of the bond; the other 40 of it paid back now.
    function _bondLargerThanHeld(address token) internal {
        uint256 jobId = deliveredRfq(token, 600e6, 1_000, HOLD_BPS, true);
        Books memory before = booksOf(token, s1);
        uint40 endsAt = uint40(block.timestamp + WARRANTY);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentHeld(jobId, 0, 60e6, 60e6, endsAt);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.JobSettled(jobId, 5, 540e6 - 5.4e6, 5.4e6);
        confirmAs(buyer, jobId);
        assertPaid(token, s1, before, 0, 540e6 - 5.4e6 + 40e6, 0);
        assertEq(balanceOf(token, address(escrow)), 60e6 + 60e6 + 5.4e6, "held, bond held, fee");
        assertEq(escrow.bidOf(jobId, s1).bond, 0, "the bond left the bid");
        Tender.Held memory h = escrow.heldOf(jobId, 0);
        assertEq(h.amount, 60e6, "held");
        assertEq(h.bond, 60e6, "bond held: min(bond, held)");
        assertEq(escrow.completedVolume(s1, token), 540e6, "volume");

        // Released at the end: the held share less its fee, and the held bond.
        before = booksOf(token, s1);
        vm.warp(endsAt);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(
            jobId, 0, ITenderWarranty.HeldOutcome.Released, 0, 60e6 - 0.6e6 + 60e6, 0, 0.6e6, 60e6
        );
        vm.prank(stranger);
        escrow.release(jobId, 0);
        assertPaid(token, s1, before, 0, 60e6 - 0.6e6 + 60e6, 0);
        assertEq(balanceOf(token, address(escrow)), 6e6, "only the fees stay");
        assertEq(escrow.completedVolume(s1, token), 600e6, "the released share counts");
        assertEq(escrow.protocolFees(token), 6e6, "and is charged");
    }

    function test_rfq_holdsTheWholeBond_whenTheBondIsSmaller_eth() public {
        _bondSmallerThanHeld(ETH);
    }

    function test_rfq_holdsTheWholeBond_whenTheBondIsSmaller_usd() public {
        _bondSmallerThanHeld(address(usd));
    }

    /// @dev Won at 600 with a 50 bond (5%), 20% held: 120 held with all 50 of the bond; nothing of it paid back now.
    function _bondSmallerThanHeld(address token) internal {
        uint256 jobId = deliveredRfq(token, 600e6, 500, 2_000, true);
        Books memory before = booksOf(token, s1);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentHeld(jobId, 0, 120e6, 50e6, uint40(block.timestamp + WARRANTY));
        confirmAs(buyer, jobId);
        assertPaid(token, s1, before, 0, 480e6 - 4.8e6, 0);
        assertEq(balanceOf(token, address(escrow)), 120e6 + 50e6 + 4.8e6, "held, whole bond, fee");
        assertEq(escrow.heldOf(jobId, 0).bond, 50e6, "the whole bond");
        // The stake counts the bond: ⌈170 × 2%⌉.
        uint256 fee = fileClaim(jobId, 1);
        assertEq(fee, 3.4e6, "fee on held + bond");
        assertEq(escrow.claimOf(jobId, 0).fee, 3.4e6, "stored fee");
    }

    function test_rfq_withoutHoldBond_paysTheWholeBondBack() public {
        uint256 jobId = deliveredRfq(address(usd), 600e6, 1_000, HOLD_BPS, false);
        Books memory before = booksOf(address(usd), s1);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentHeld(jobId, 0, 60e6, 0, uint40(block.timestamp + WARRANTY));
        confirmAs(buyer, jobId);
        assertPaid(address(usd), s1, before, 0, 540e6 - 5.4e6 + 100e6, 0);
        assertEq(escrow.heldOf(jobId, 0).bond, 0, "no bond held");
    }

    /*//////////////////////////////////////////////////////////////
                                  CLAIM
    //////////////////////////////////////////////////////////////*/

    function test_claim_filesAndTakesTheFee_eth() public {
        _claimFiles(ETH);
    }

    function test_claim_filesAndTakesTheFee_usd() public {
        _claimFiles(address(usd));
    }

    function _claimFiles(address token) internal {
        uint256 jobId = heldJob(token);
        uint256 endsAt = START + WARRANTY;
        vm.warp(endsAt - 1);
        Books memory before = booksOf(token, supplier);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.ClaimFiled(jobId, 0, 4e6, CLAIM_FEE, "ipfs://claim", uint40(endsAt - 1 + RESPONSE));
        uint256 fee = fileClaim(jobId, 4e6);
        assertEq(fee, CLAIM_FEE, "2% of the held share");
        assertEq(balanceOf(token, buyer), before.buyer - CLAIM_FEE, "the buyer paid the fee");
        assertEq(balanceOf(token, address(escrow)), before.escrow + CLAIM_FEE, "into escrow");
        Tender.Claim memory c = escrow.claimOf(jobId, 0);
        assertEq(c.asked, 4e6, "asked");
        assertEq(c.deadline, endsAt - 1 + RESPONSE, "respond-by");
        assertEq(c.fee, CLAIM_FEE, "fee");
        assertEq(uint256(escrow.heldOf(jobId, 0).claim), uint256(Tender.ClaimStatus.Filed), "filed");
        assertEq(escrow.heldOf(jobId, 0).amount, HELD, "still held");
        assertEq(escrow.buyerRecord(buyer).claimsOpened, 1, "claims opened");
        assertEq(escrow.claimRecord(supplier).claimsFaced, 1, "claims faced");
        assertEq(escrow.claimRecord(supplier).clawedBack, 0, "nothing clawed back yet");
    }

    function test_claim_feeRoundsUp() public {
        // 12.34567 at 10%: 1.234567 held; 2% of it is 24,691.34 units, so 24,692.
        uint256 jobId = heldJob(address(usd), 12_345_670, HOLD_BPS);
        assertEq(escrow.heldOf(jobId, 0).amount, 1_234_567, "held");
        uint256 before = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.ClaimFiled(jobId, 0, 1, 24_692, "ipfs://claim", uint40(block.timestamp + RESPONSE));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "ipfs://claim");
        assertEq(usd.balanceOf(buyer), before - 24_692, "rounded up");
        assertEq(escrow.claimOf(jobId, 0).fee, 24_692, "stored");
    }

    function test_claim_feeIsAtLeastOneUnit_eth() public {
        // 10 wei at 10%: 1 held; 2% of it is 0.02, so 1.
        uint256 jobId = heldJob(ETH, 10, HOLD_BPS);
        assertEq(escrow.heldOf(jobId, 0).amount, 1, "held");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 0, 1));
        escrow.claim(jobId, 0, 1, "x");
        uint256 before = buyer.balance;
        vm.prank(buyer);
        escrow.claim{value: 1}(jobId, 0, 1, "x");
        assertEq(buyer.balance, before - 1, "one unit");
        assertEq(escrow.claimOf(jobId, 0).fee, 1, "stored");
    }

    function test_claim_feeCountsTheHeldBond() public {
        uint256 jobId = heldRfq(address(usd));
        assertEq(fileClaim(jobId, 10e6), 2.4e6, "2% of 60 held + 60 bond");
    }

    function test_claim_beforeTheWarrantyEnds_andNotAtItsEnd() public {
        uint256 jobId = heldJob(address(usd));
        uint256 endsAt = START + WARRANTY;
        vm.warp(endsAt);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, endsAt));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "x");
        vm.warp(endsAt - 1);
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "x");
    }

    function test_claim_refusals() public {
        uint256 jobId = heldJob(address(usd));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, supplier));
        vm.prank(supplier);
        escrow.claim(jobId, 0, 1, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, stranger));
        vm.prank(stranger);
        escrow.claim(jobId, 0, 1, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.UnknownJob.selector, 999));
        vm.prank(buyer);
        escrow.claim(999, 0, 1, "x");
        // Nothing held: a plain job, a held job not settled yet, another payment index.
        uint256 plain = postAndDeliver(address(usd));
        confirmAs(buyer, plain);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, plain, 0));
        vm.prank(buyer);
        escrow.claim(plain, 0, 1, "x");
        uint256 running = post(heldHireOf(address(usd), PRICE, HOLD_BPS));
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, running, 0));
        vm.prank(buyer);
        escrow.claim(running, 0, 1, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 1));
        vm.prank(buyer);
        escrow.claim(jobId, 1, 1, "x");
        // The amount asked.
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.InvalidClaimAmount.selector, 0, HELD));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 0, "x");
        // Asking for more than is held asks for all of it, once.
        vm.prank(buyer);
        escrow.claim(jobId, 0, uint96(HELD + 1), "x");
        assertEq(escrow.claimOf(jobId, 0).asked, HELD, "capped at the held share");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.ClaimAlreadyFiled.selector, jobId, 0));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "x");
        answerClaim(jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.ClaimAlreadyFiled.selector, jobId, 0));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "x");
        assertEq(escrow.buyerRecord(buyer).claimsOpened, 1, "one claim opened");
    }

    /// @dev Once a claim has ended nothing is left held ("one claim per payment: nothing is left to claim"), so a
    /// second claim is refused by the first check that applies: NothingHeld, not ClaimAlreadyFiled.
    function test_claim_afterTheFirstEnded_isRefused() public {
        uint256 jobId = heldJob(address(usd));
        fileClaim(jobId, 1e6);
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        assertNothingHeld(jobId, Tender.ClaimStatus.Ended);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "x");
    }

    function test_claim_needsTheExactEthFee_andNoEthWithAToken() public {
        uint256 jobId = heldJob(ETH);
        vm.deal(buyer, 1_000 ether);
        uint256[3] memory wrong = [CLAIM_FEE - 1, CLAIM_FEE + 1, 0];
        for (uint256 i; i < 3; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, wrong[i], CLAIM_FEE));
            vm.prank(buyer);
            escrow.claim{value: wrong[i]}(jobId, 0, 1, "x");
        }
        uint256 usdJob = heldJob(address(usd));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 1, 0));
        vm.prank(buyer);
        escrow.claim{value: 1}(usdJob, 0, 1, "x");
    }

    /*//////////////////////////////////////////////////////////////
                                  AGREE
    //////////////////////////////////////////////////////////////*/

    function test_agree_filed_eth() public {
        _agree(ETH, false);
    }

    function test_agree_filed_usd() public {
        _agree(address(usd), false);
    }

    /// @dev Agree is the alternative to answering: once answered, the claim ends by the arbitrator's ruling or silence.
    function test_agree_answered_isRefused() public {
        uint256 jobId = heldJob(address(usd));
        fileClaim(jobId, 4e6);
        answerClaim(jobId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.Answered
            )
        );
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
    }

    /// @dev 4 of 10 asked: 4 and the buyer's fee back to it; 6 less 1% (and its own fee, if it answered) to the
    /// supplier; nothing to the arbitrator.
    function _agree(address token, bool answered) internal {
        uint256 jobId = heldJob(token);
        fileClaim(jobId, 4e6);
        if (answered) answerClaim(jobId);
        uint256 supplierFeeBack = answered ? CLAIM_FEE : 0;
        Books memory before = booksOf(token, supplier);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(
            jobId, 0, ITenderWarranty.HeldOutcome.Agreed, 4e6 + CLAIM_FEE, 5.94e6 + supplierFeeBack, 0, 60_000, 6e6
        );
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        assertPaid(token, supplier, before, 4e6 + CLAIM_FEE, 5.94e6 + supplierFeeBack, 0);
        assertEq(balanceOf(token, address(escrow)), 900_000 + 60_000, "only the protocol fees stay");
        assertEq(escrow.protocolFees(token), 900_000 + 60_000, "fee on the supplier's part only");
        assertEq(escrow.completedVolume(supplier, token), 90e6 + 6e6, "volume counts the supplier's part");
        assertNothingHeld(jobId, Tender.ClaimStatus.Ended);
        assertEq(escrow.claimRecord(supplier).clawedBack, 1, "a clawback");
        assertEq(escrow.claimRecord(supplier).claimsFaced, 1, "faced");
        assertEq(escrow.buyerRecord(buyer).claimsLost, 0, "the buyer did not lose");
    }

    function test_agree_paysTheHeldBondToTheSupplier() public {
        uint256 jobId = heldRfq(address(usd));
        fileClaim(jobId, 10e6);
        Books memory before = booksOf(address(usd), s1);
        vm.prank(s1);
        escrow.agreeClaim(jobId, 0);
        assertPaid(address(usd), s1, before, 10e6 + 2.4e6, 50e6 - 0.5e6 + 60e6, 0);
    }

    function test_agree_refusals_andItsDeadlines() public {
        uint256 jobId = heldJob(address(usd));
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.None
            )
        );
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        fileClaim(jobId, 1e6);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        vm.prank(buyer);
        escrow.agreeClaim(jobId, 0);
        uint256 respondBy = escrow.claimOf(jobId, 0).deadline;
        vm.warp(respondBy);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, respondBy));
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        // Just before respond-by it goes through, once.
        uint256 other = heldJob(address(usd));
        fileClaim(other, 1e6);
        vm.warp(escrow.claimOf(other, 0).deadline - 1);
        vm.prank(supplier);
        escrow.agreeClaim(other, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, other, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.Ended
            )
        );
        vm.prank(supplier);
        escrow.agreeClaim(other, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                  ANSWER
    //////////////////////////////////////////////////////////////*/

    function test_answer_takesTheSuppliersFee_andStartsTheRulingWindow_eth() public {
        _answer(ETH);
    }

    function test_answer_takesTheSuppliersFee_andStartsTheRulingWindow_usd() public {
        _answer(address(usd));
    }

    function _answer(address token) internal {
        uint256 jobId = heldJob(token);
        fileClaim(jobId, 4e6);
        vm.warp(block.timestamp + RESPONSE - 1);
        Books memory before = booksOf(token, supplier);
        uint40 ruleBy = uint40(block.timestamp + RULE_WINDOW);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.ClaimAnswered(jobId, 0, "ipfs://answer", ruleBy);
        answerClaim(jobId);
        assertEq(balanceOf(token, supplier), before.supplier - CLAIM_FEE, "the supplier paid the same fee");
        assertEq(balanceOf(token, address(escrow)), before.escrow + CLAIM_FEE, "into escrow");
        assertEq(escrow.claimOf(jobId, 0).deadline, ruleBy, "rule-by: now + the arbitrator's ruling window");
        assertEq(escrow.claimOf(jobId, 0).asked, 4e6, "asked unchanged");
        assertEq(uint256(escrow.heldOf(jobId, 0).claim), uint256(Tender.ClaimStatus.Answered), "answered");
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.Answered
            )
        );
        vm.prank(supplier);
        escrow.answerClaim{value: token == ETH ? CLAIM_FEE : 0}(jobId, 0, "again");
    }

    function test_answer_refusals() public {
        uint256 jobId = heldJob(ETH);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.None
            )
        );
        vm.prank(supplier);
        escrow.answerClaim(jobId, 0, "x");
        fileClaim(jobId, 1e6);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        vm.prank(buyer);
        escrow.answerClaim{value: CLAIM_FEE}(jobId, 0, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, CLAIM_FEE - 1, CLAIM_FEE));
        vm.prank(supplier);
        escrow.answerClaim{value: CLAIM_FEE - 1}(jobId, 0, "x");
        uint256 respondBy = escrow.claimOf(jobId, 0).deadline;
        vm.warp(respondBy);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, respondBy));
        vm.prank(supplier);
        escrow.answerClaim{value: CLAIM_FEE}(jobId, 0, "x");
    }

    /*//////////////////////////////////////////////////////////////
                                 EVIDENCE
    //////////////////////////////////////////////////////////////*/

    function test_claimEvidence_byEitherParty_whileTheClaimIsOpen() public {
        uint256 jobId = heldJob(address(usd));
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.None
            )
        );
        vm.prank(buyer);
        escrow.submitClaimEvidence(jobId, 0, "early");
        fileClaim(jobId, 1e6);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.ClaimEvidence(jobId, 0, buyer, "ipfs://logs");
        vm.prank(buyer);
        escrow.submitClaimEvidence(jobId, 0, "ipfs://logs");
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.ClaimEvidence(jobId, 0, supplier, "ipfs://tests");
        vm.prank(supplier);
        escrow.submitClaimEvidence(jobId, 0, "ipfs://tests");
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotParty.selector, jobId, stranger));
        vm.prank(stranger);
        escrow.submitClaimEvidence(jobId, 0, "x");
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotParty.selector, jobId, arbitrator));
        vm.prank(arbitrator);
        escrow.submitClaimEvidence(jobId, 0, "x");
        answerClaim(jobId);
        vm.prank(buyer);
        escrow.submitClaimEvidence(jobId, 0, "answered");
        ruleClaimAs(arbitrator, jobId, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.Ended
            )
        );
        vm.prank(supplier);
        escrow.submitClaimEvidence(jobId, 0, "late");
    }

    /*//////////////////////////////////////////////////////////////
                                   RULE
    //////////////////////////////////////////////////////////////*/

    /// @dev 6 of 10 asked, 0.2 fee each side, both paid in; the supplier's part is charged 1%.
    function ruledJob(address token) internal returns (uint256 jobId) {
        jobId = heldJob(token);
        fileClaim(jobId, 6e6);
        answerClaim(jobId);
    }

    function _rule(
        address token,
        uint16 bps,
        uint256 toBuyer,
        uint256 toSupplier,
        uint256 supplierGross
    ) internal returns (uint256 jobId) {
        jobId = ruledJob(token);
        Books memory before = booksOf(token, supplier);
        uint256 protocolFee = supplierGross / 100;
        vm.warp(block.timestamp + RULE_WINDOW - 1);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.ClaimRuled(jobId, 0, arbitrator, bps, keccak256("reasons"));
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(
            jobId, 0, ITenderWarranty.HeldOutcome.Ruled, toBuyer, toSupplier, CLAIM_FEE, protocolFee, supplierGross
        );
        ruleClaimAs(arbitrator, jobId, bps);
        assertPaid(token, supplier, before, toBuyer, toSupplier, CLAIM_FEE);
        assertEq(balanceOf(token, address(escrow)), escrow.protocolFees(token), "only the protocol fees stay");
        assertEq(escrow.protocolFees(token), 900_000 + protocolFee, "fee on the supplier's part");
        assertEq(escrow.completedVolume(supplier, token), 90e6 + supplierGross, "volume");
        assertNothingHeld(jobId, Tender.ClaimStatus.Ended);
    }

    function test_rule_7000_forTheBuyer_eth() public {
        _rule7000(ETH);
    }

    function test_rule_7000_forTheBuyer_usd() public {
        _rule7000(address(usd));
    }

    function _rule7000(address token) internal {
        // The buyer: 4.2 of the 6 asked and its fee back; the supplier: 5.8 less 1%; its fee to the arbitrator.
        _rule(token, 7_000, 4.2e6 + CLAIM_FEE, 5.8e6 - 58_000, 5.8e6);
        assertEq(escrow.claimRecord(supplier).clawedBack, 1, "a clawback");
        assertEq(escrow.buyerRecord(buyer).claimsLost, 0, "the buyer won");
        assertEq(escrow.arbitrator(arbitrator).rulingsForBuyer, 1, "for the buyer");
    }

    function test_rule_3000_forTheSupplier_eth() public {
        _rule3000(ETH);
    }

    function test_rule_3000_forTheSupplier_usd() public {
        _rule3000(address(usd));
    }

    function _rule3000(address token) internal {
        _rule(token, 3_000, 1.8e6, 8.2e6 - 82_000 + CLAIM_FEE, 8.2e6);
        assertEq(escrow.claimRecord(supplier).clawedBack, 0, "no clawback");
        assertEq(escrow.claimRecord(supplier).claimsFaced, 1, "faced");
        assertEq(escrow.buyerRecord(buyer).claimsLost, 1, "the buyer lost");
        assertEq(escrow.arbitrator(arbitrator).rulingsForSupplier, 1, "for the supplier");
    }

    function test_rule_0_forTheSupplier() public {
        _rule(address(usd), 0, 0, 10e6 - 100_000 + CLAIM_FEE, 10e6);
        assertEq(escrow.buyerRecord(buyer).claimsLost, 1, "the buyer lost");
        assertEq(escrow.claimRecord(supplier).clawedBack, 0, "no clawback");
    }

    function test_rule_10000_forTheBuyer() public {
        _rule(ETH, 10_000, 6e6 + CLAIM_FEE, 4e6 - 40_000, 4e6);
        assertEq(escrow.claimRecord(supplier).clawedBack, 1, "a clawback");
        assertEq(escrow.buyerRecord(buyer).claimsLost, 0, "the buyer won");
    }

    function test_rule_5000_halvesTheFees_oddUnitToTheArbitrator_eth() public {
        _rule5000(ETH);
    }

    function test_rule_5000_halvesTheFees_oddUnitToTheArbitrator_usd() public {
        _rule5000(address(usd));
    }

    /// @dev 100.0005 at 10%: 10.00005 held, an odd fee of 200,001 each side; each gets 100,000 back, the arbitrator
    /// 200,002. The buyer: half of the 6 asked; the supplier: 7.00005 less 1% (70,000).
    function _rule5000(address token) internal {
        uint256 jobId = heldJob(token, 100_000_500, HOLD_BPS);
        assertEq(escrow.heldOf(jobId, 0).amount, 10_000_050, "held");
        assertEq(fileClaim(jobId, 6e6), 200_001, "an odd fee");
        answerClaim(jobId);
        Books memory before = booksOf(token, supplier);
        uint256 feesBefore = escrow.protocolFees(token);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(
            jobId, 0, ITenderWarranty.HeldOutcome.Ruled, 3e6 + 100_000, 7_000_050 - 70_000 + 100_000, 200_002, 70_000, 7_000_050
        );
        ruleClaimAs(arbitrator, jobId, 5_000);
        assertPaid(token, supplier, before, 3e6 + 100_000, 7_000_050 - 70_000 + 100_000, 200_002);
        assertEq(escrow.protocolFees(token), feesBefore + 70_000, "fee");
        assertEq(balanceOf(token, address(escrow)), escrow.protocolFees(token), "only the protocol fees stay");
        assertEq(escrow.arbitrator(arbitrator).rulingsEven, 1, "even");
        assertEq(escrow.claimRecord(supplier).clawedBack, 0, "no clawback");
        assertEq(escrow.buyerRecord(buyer).claimsLost, 0, "nor a loss for the buyer");
    }

    function test_rule_roundsTheBuyersShareDown() public {
        uint256 jobId = heldJob(address(usd));
        fileClaim(jobId, 1_000_001);
        answerClaim(jobId);
        Books memory before = booksOf(address(usd), supplier);
        ruleClaimAs(arbitrator, jobId, 7_000);
        // ⌊1,000,001 × 0.7⌋ = 700,000; the supplier's part 9.3 less 1%.
        assertPaid(address(usd), supplier, before, 700_000 + CLAIM_FEE, 9.3e6 - 93_000, CLAIM_FEE);
    }

    function test_rule_theHeldBondFollowsTheRuling() public {
        uint16[3] memory rulings = [uint16(7_000), 5_000, 3_000];
        // 10 asked of 60 held with 60 bond; fee 2.4 each side.
        uint256[3] memory toBuyer = [uint256(7e6 + 2.4e6 + 60e6), 5e6 + 1.2e6, 3e6];
        uint256[3] memory toSupplier = [uint256(53e6 - 0.53e6), 55e6 - 0.55e6 + 1.2e6 + 60e6, 57e6 - 0.57e6 + 2.4e6 + 60e6];
        for (uint256 i; i < 3; ++i) {
            uint256 jobId = heldRfq(address(usd));
            fileClaim(jobId, 10e6);
            answerClaim(jobId);
            Books memory before = booksOf(address(usd), s1);
            ruleClaimAs(arbitrator, jobId, rulings[i]);
            assertPaid(address(usd), s1, before, toBuyer[i], toSupplier[i], 2.4e6);
        }
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only the protocol fees stay");
    }

    function test_rule_refusals() public {
        uint256 jobId = heldJob(address(usd));
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Answered, Tender.ClaimStatus.None
            )
        );
        ruleClaimAs(arbitrator, jobId, 0);
        fileClaim(jobId, 1e6);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Answered, Tender.ClaimStatus.Filed
            )
        );
        ruleClaimAs(arbitrator, jobId, 0);
        answerClaim(jobId);
        address[3] memory others = [buyer, supplier, stranger];
        for (uint256 i; i < 3; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotArbitrator.selector, jobId, others[i]));
            ruleClaimAs(others[i], jobId, 10_000);
        }
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.InvalidRuling.selector, 10_001));
        ruleClaimAs(arbitrator, jobId, 10_001);
        uint256 ruleBy = escrow.claimOf(jobId, 0).deadline;
        vm.warp(ruleBy);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, ruleBy));
        ruleClaimAs(arbitrator, jobId, 0);
        escrow.settleClaim(jobId, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Answered, Tender.ClaimStatus.Ended
            )
        );
        ruleClaimAs(arbitrator, jobId, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                  SETTLE
    //////////////////////////////////////////////////////////////*/

    function test_settle_unanswered_eth() public {
        _settleUnanswered(ETH);
    }

    function test_settle_unanswered_usd() public {
        _settleUnanswered(address(usd));
    }

    /// @dev 10 asked of 60 held with 60 bond, never answered: the buyer gets 10, the bond and its 2.4 fee; the
    /// supplier 50 less 1%.
    function _settleUnanswered(address token) internal {
        uint256 jobId = heldRfq(token);
        fileClaim(jobId, 10e6);
        uint256 respondBy = escrow.claimOf(jobId, 0).deadline;
        vm.warp(respondBy - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, respondBy));
        escrow.settleClaim(jobId, 0);
        vm.warp(respondBy);
        Books memory before = booksOf(token, s1);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(
            jobId, 0, ITenderWarranty.HeldOutcome.Unanswered, 10e6 + 60e6 + 2.4e6, 50e6 - 0.5e6, 0, 0.5e6, 50e6
        );
        vm.prank(stranger);
        escrow.settleClaim(jobId, 0);
        assertPaid(token, s1, before, 10e6 + 60e6 + 2.4e6, 50e6 - 0.5e6, 0);
        assertEq(balanceOf(token, address(escrow)), escrow.protocolFees(token), "only the protocol fees stay");
        assertEq(escrow.protocolFees(token), 5.4e6 + 0.5e6, "fee on the supplier's part");
        assertEq(escrow.completedVolume(s1, token), 540e6 + 50e6, "volume");
        assertEq(escrow.claimRecord(s1).clawedBack, 1, "a clawback");
        assertEq(escrow.buyerRecord(buyer).claimsLost, 0, "the buyer won");
        assertNothingHeld(jobId, Tender.ClaimStatus.Ended);
    }

    function test_settle_silentArbitrator_eth() public {
        _settleSilent(ETH);
    }

    function test_settle_silentArbitrator_usd() public {
        _settleSilent(address(usd));
    }

    /// @dev Answered, never ruled: the supplier keeps the 60 held (less 1%) and the 60 bond, both fees back.
    function _settleSilent(address token) internal {
        uint256 jobId = heldRfq(token);
        fileClaim(jobId, 10e6);
        answerClaim(jobId);
        uint256 ruleBy = escrow.claimOf(jobId, 0).deadline;
        vm.warp(ruleBy - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, ruleBy));
        escrow.settleClaim(jobId, 0);
        vm.warp(ruleBy);
        Books memory before = booksOf(token, s1);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(
            jobId, 0, ITenderWarranty.HeldOutcome.Silent, 2.4e6, 60e6 - 0.6e6 + 60e6 + 2.4e6, 0, 0.6e6, 60e6
        );
        vm.prank(stranger);
        escrow.settleClaim(jobId, 0);
        assertPaid(token, s1, before, 2.4e6, 60e6 - 0.6e6 + 60e6 + 2.4e6, 0);
        assertEq(balanceOf(token, address(escrow)), escrow.protocolFees(token), "only the protocol fees stay");
        assertEq(escrow.completedVolume(s1, token), 600e6, "volume");
        assertEq(escrow.arbitrator(arbitrator).timedOut, 1, "a time-out");
        assertEq(escrow.claimRecord(s1).clawedBack, 0, "no clawback");
        assertEq(escrow.buyerRecord(buyer).claimsLost, 0, "no loss");
        assertNothingHeld(jobId, Tender.ClaimStatus.Ended);
    }

    function test_settle_unansweredDirectHire_leavesTheRestToTheSupplier() public {
        uint256 jobId = heldJob(ETH);
        fileClaim(jobId, 4e6);
        vm.warp(escrow.claimOf(jobId, 0).deadline);
        Books memory before = booksOf(ETH, supplier);
        escrow.settleClaim(jobId, 0);
        assertPaid(ETH, supplier, before, 4e6 + CLAIM_FEE, 6e6 - 60_000, 0);
    }

    function test_settle_needsAnOpenClaim() public {
        uint256 jobId = heldJob(address(usd));
        vm.warp(START + 30 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, jobId, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.None
            )
        );
        escrow.settleClaim(jobId, 0);
        uint256 other = heldJob(address(usd));
        fileClaim(other, 1);
        vm.warp(block.timestamp + RESPONSE);
        escrow.settleClaim(other, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderWarranty.WrongClaimStatus.selector, other, 0, Tender.ClaimStatus.Filed, Tender.ClaimStatus.Ended
            )
        );
        escrow.settleClaim(other, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                  WAIVE
    //////////////////////////////////////////////////////////////*/

    function test_waive_withoutAClaim_eth() public {
        _waive(ETH, Tender.ClaimStatus.None);
    }

    function test_waive_withoutAClaim_usd() public {
        _waive(address(usd), Tender.ClaimStatus.None);
    }

    function test_waive_aFiledClaim_givesTheBuyersFeeBack_eth() public {
        _waive(ETH, Tender.ClaimStatus.Filed);
    }

    function test_waive_aFiledClaim_givesTheBuyersFeeBack_usd() public {
        _waive(address(usd), Tender.ClaimStatus.Filed);
    }

    function test_waive_anAnsweredClaim_givesBothFeesBack_eth() public {
        _waive(ETH, Tender.ClaimStatus.Answered);
    }

    function test_waive_anAnsweredClaim_givesBothFeesBack_usd() public {
        _waive(address(usd), Tender.ClaimStatus.Answered);
    }

    function _waive(address token, Tender.ClaimStatus open) internal {
        uint256 jobId = heldJob(token);
        if (open != Tender.ClaimStatus.None) fileClaim(jobId, 5e6);
        if (open == Tender.ClaimStatus.Answered) answerClaim(jobId);
        uint256 buyerFee = open != Tender.ClaimStatus.None ? CLAIM_FEE : 0;
        uint256 supplierFee = open == Tender.ClaimStatus.Answered ? CLAIM_FEE : 0;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, supplier));
        vm.prank(supplier);
        escrow.waive(jobId, 0);
        Books memory before = booksOf(token, supplier);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(
            jobId, 0, ITenderWarranty.HeldOutcome.Waived, buyerFee, 9.9e6 + supplierFee, 0, 100_000, 10e6
        );
        vm.prank(buyer);
        escrow.waive(jobId, 0);
        assertPaid(token, supplier, before, buyerFee, 9.9e6 + supplierFee, 0);
        assertEq(balanceOf(token, address(escrow)), 1e6, "only the protocol fees stay");
        assertEq(escrow.completedVolume(supplier, token), 100e6, "the whole price counted");
        assertNothingHeld(jobId, open == Tender.ClaimStatus.None ? Tender.ClaimStatus.None : Tender.ClaimStatus.Ended);
        assertEq(escrow.claimRecord(supplier).clawedBack, 0, "no clawback");
        // Waiving an open claim ends it for the supplier: a claim the buyer lost.
        assertEq(escrow.buyerRecord(buyer).claimsLost, open == Tender.ClaimStatus.None ? 0 : 1, "a loss only if a claim was open");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
        vm.prank(buyer);
        escrow.waive(jobId, 0);
        vm.warp(START + WARRANTY);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
        escrow.release(jobId, 0);
    }

    function test_waive_paysTheHeldBond_evenAfterTheWarrantyEnded() public {
        uint256 jobId = heldRfq(address(usd));
        vm.warp(block.timestamp + WARRANTY + 1 days);
        Books memory before = booksOf(address(usd), s1);
        vm.prank(buyer);
        escrow.waive(jobId, 0);
        assertPaid(address(usd), s1, before, 0, 60e6 - 0.6e6 + 60e6, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                  RETURN
    //////////////////////////////////////////////////////////////*/

    function test_returnHeld_part_thenReleaseTheRest_eth() public {
        _returnPart(ETH);
    }

    function test_returnHeld_part_thenReleaseTheRest_usd() public {
        _returnPart(address(usd));
    }

    function _returnPart(address token) internal {
        uint256 jobId = heldJob(token);
        Books memory before = booksOf(token, supplier);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldReturned(jobId, 0, 3e6);
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, 3e6);
        assertPaid(token, supplier, before, 3e6, 0, 0);
        assertEq(escrow.heldOf(jobId, 0).amount, 7e6, "the held share shrank");
        assertEq(escrow.protocolFees(token), 900_000, "nothing charged on what went back");
        assertEq(escrow.completedVolume(supplier, token), 90e6, "nor counted");
        // A claim now stakes only what is still held.
        uint256 other = heldJob(token);
        vm.prank(supplier);
        escrow.returnHeld(other, 0, 5e6);
        assertEq(fileClaim(other, 1), 100_000, "2% of the 5 still held");
        // The rest is released at the end.
        before = booksOf(token, supplier);
        vm.warp(START + WARRANTY);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(jobId, 0, ITenderWarranty.HeldOutcome.Released, 0, 6.93e6, 0, 70_000, 7e6);
        escrow.release(jobId, 0);
        assertPaid(token, supplier, before, 0, 6.93e6, 0);
        assertEq(escrow.completedVolume(supplier, token), 2 * 90e6 + 7e6, "volume counts the released rest");
    }

    function test_returnHeld_all_leavesNothingToRelease() public {
        uint256 jobId = heldJob(address(usd));
        Books memory before = booksOf(address(usd), supplier);
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, uint96(HELD));
        assertPaid(address(usd), supplier, before, HELD, 0, 0);
        assertEq(usd.balanceOf(address(escrow)), 900_000, "only the fee stays");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.InvalidReturn.selector, 1, 0));
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, 1);
        uint256 endsAt = escrow.heldOf(jobId, 0).warrantyEndsAt;
        vm.warp(endsAt);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
        escrow.release(jobId, 0);
        // A return comes before the warranty ends.
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, endsAt));
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, 1);
    }

    /// @dev Returning the whole held share leaves the held bond; only release (or a waiver) pays it, uncharged.
    function test_returnHeld_all_withAHeldBond_releasesTheBondAlone() public {
        uint256 jobId = heldRfq(address(usd));
        vm.prank(s1);
        escrow.returnHeld(jobId, 0, 60e6);
        Tender.Held memory h = escrow.heldOf(jobId, 0);
        assertEq(h.amount, 0, "none of the share held");
        assertEq(h.bond, 60e6, "the bond still is");
        // Asking for more than is held asks for all of it: here nothing.
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.InvalidClaimAmount.selector, 0, 0));
        vm.prank(buyer);
        escrow.claim(jobId, 0, 1, "x");
        vm.warp(block.timestamp + WARRANTY);
        Books memory before = booksOf(address(usd), s1);
        uint256 fees = escrow.protocolFees(address(usd));
        escrow.release(jobId, 0);
        assertPaid(address(usd), s1, before, 0, 60e6, 0);
        assertEq(escrow.protocolFees(address(usd)), fees, "a bond is never charged");
        assertEq(escrow.completedVolume(s1, address(usd)), 540e6, "nor counted");
    }

    function test_returnHeld_refusals() public {
        uint256 jobId = heldJob(address(usd));
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        vm.prank(buyer);
        escrow.returnHeld(jobId, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.InvalidReturn.selector, 0, HELD));
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.InvalidReturn.selector, HELD + 1, HELD));
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, uint96(HELD + 1));
        fileClaim(jobId, 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.ClaimOpen.selector, jobId, 0));
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, 1);
        answerClaim(jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.ClaimOpen.selector, jobId, 0));
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, 1);
    }

    /*//////////////////////////////////////////////////////////////
                                 RELEASE
    //////////////////////////////////////////////////////////////*/

    function test_release_atTheWarrantysEnd_byAnyone_eth() public {
        _release(ETH);
    }

    function test_release_atTheWarrantysEnd_byAnyone_usd() public {
        _release(address(usd));
    }

    function _release(address token) internal {
        uint256 jobId = heldJob(token);
        uint256 endsAt = START + WARRANTY;
        vm.warp(endsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, endsAt));
        escrow.release(jobId, 0);
        vm.warp(endsAt);
        Books memory before = booksOf(token, supplier);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(jobId, 0, ITenderWarranty.HeldOutcome.Released, 0, 9.9e6, 0, 100_000, 10e6);
        vm.prank(stranger);
        escrow.release(jobId, 0);
        assertPaid(token, supplier, before, 0, 9.9e6, 0);
        assertEq(balanceOf(token, address(escrow)), 1e6, "only the protocol fees stay");
        assertEq(escrow.protocolFees(token), 1e6, "1% of the whole price, in two parts");
        assertEq(escrow.completedVolume(supplier, token), 100e6, "the whole price counted");
        assertNothingHeld(jobId, Tender.ClaimStatus.None);
        for (uint256 i; i < 2; ++i) {
            vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
            escrow.release(jobId, 0);
        }
    }

    function test_release_refusedWhileAClaimIsOpen() public {
        uint256 answered = heldJob(address(usd));
        fileClaim(answered, 1);
        answerClaim(answered);
        uint256 filed = heldJob(address(usd));
        vm.warp(START + WARRANTY - 1);
        fileClaim(filed, 1);
        vm.warp(START + WARRANTY);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.ClaimOpen.selector, filed, 0));
        escrow.release(filed, 0);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.ClaimOpen.selector, answered, 0));
        escrow.release(answered, 0);
    }

    function test_release_chargesThePostedRate_notTheCurrentOne() public {
        uint256 jobId = heldJob(address(usd));
        vm.prank(owner);
        escrow.setProtocolFee(500);
        vm.warp(START + WARRANTY);
        Books memory before = booksOf(address(usd), supplier);
        escrow.release(jobId, 0);
        assertPaid(address(usd), supplier, before, 0, 9.9e6, 0);
        assertEq(escrow.protocolFees(address(usd)), 1e6, "1%, as posted");
    }

    function test_moduleFunctions_refuseValue() public {
        uint256 jobId = heldJob(ETH);
        vm.warp(START + WARRANTY);
        vm.prank(stranger);
        vm.deal(stranger, 1 ether);
        (bool ok,) = address(escrow).call{value: 1}(abi.encodeCall(ITenderWarranty.release, (jobId, 0)));
        assertFalse(ok, "release refuses value");
        vm.prank(buyer);
        (ok,) = address(escrow).call{value: 1}(abi.encodeCall(ITenderWarranty.waive, (jobId, 0)));
        assertFalse(ok, "waive refuses value");
        assertEq(escrow.heldOf(jobId, 0).amount, HELD, "still held");
    }

    /*//////////////////////////////////////////////////////////////
                              CLAWBACK FLOOR
    //////////////////////////////////////////////////////////////*/

    function test_clawbackFloor_refusesABidderAboveIt_acceptsOneAtIt() public {
        // s1: two claims faced, one agreed to (a clawback), one ruled for it: a share of 5,000.
        uint256 agreed = heldJobFor(s1, address(usd));
        fileClaim(agreed, 1e6);
        vm.prank(s1);
        escrow.agreeClaim(agreed, 0);
        uint256 won = heldJobFor(s1, address(usd));
        fileClaim(won, 1e6);
        answerClaim(won);
        ruleClaimAs(arbitrator, won, 0);
        Tender.ClaimRecord memory record = escrow.claimRecord(s1);
        assertEq(record.claimsFaced, 2, "faced");
        assertEq(record.clawedBack, 1, "clawed back");

        Tender.Floors memory floors = noFloors();
        floors.maxClawbackShareBps = 4_999;
        uint256 strict = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        vm.expectRevert(
            abi.encodeWithSelector(
                ITenderMarket.RecordFloorNotMet.selector, strict, bytes32("maxClawbackShareBps"), 4_999, 5_000
            )
        );
        bidAs(s1, strict, 500e6, floors, address(usd));
        bidAs(s2, strict, 500e6, floors, address(usd)); // no claims faced: a share of 0
        floors.maxClawbackShareBps = 5_000;
        uint256 atLimit = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        bidAs(s1, atLimit, 500e6, floors, address(usd));
        assertEq(escrow.bidOf(atLimit, s1).price, 500e6, "accepted at the limit");
    }

    function test_clawbackFloor_above10000_isRefusedAtPosting() public {
        Tender.Floors memory floors = noFloors();
        floors.maxClawbackShareBps = 10_001;
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderMarket.InvalidFloor.selector, bytes32("maxClawbackShareBps"), 10_001)
        );
        postRFQ(rfq);
    }

    /*//////////////////////////////////////////////////////////////
                                RECEIVERS
    //////////////////////////////////////////////////////////////*/

    function test_aSupplierRefusingEth_isCreditedTheReleasedShare() public {
        RejectingParty party = new RejectingParty();
        Tender.DirectHire memory hire = heldHireOf(ETH, PRICE, HOLD_BPS);
        hire.supplier = address(party);
        uint256 jobId = post(hire);
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.deliver, (jobId, keccak256("w"), "ipfs://w")));
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentCredited(address(party), ETH, 89.1e6);
        confirmAs(buyer, jobId);
        vm.warp(START + WARRANTY);
        vm.expectEmit(address(escrow));
        emit ITenderWarranty.HeldSettled(jobId, 0, ITenderWarranty.HeldOutcome.Released, 0, 9.9e6, 0, 100_000, 10e6);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentCredited(address(party), ETH, 9.9e6);
        escrow.release(jobId, 0);
        assertEq(address(party).balance, 0, "never pushed");
        assertEq(escrow.credit(address(party), ETH), 99e6, "both parts wait as credit");
        assertEq(address(escrow).balance, 99e6 + 1e6, "credit and fees");
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.withdraw, (ETH, stranger)));
        assertEq(stranger.balance, 99e6, "withdrawn elsewhere");
    }

    function test_aBuyerRefusingEth_isCreditedWhatAClaimGivesBack() public {
        RejectingParty party = new RejectingParty();
        vm.deal(address(party), 1 ether);
        Tender.DirectHire memory hire = heldHireOf(ETH, PRICE, HOLD_BPS);
        bytes memory posted =
            party.exec(address(escrow), PRICE, abi.encodeCall(ITenderEscrow.postDirectHire, (hire)));
        uint256 jobId = abi.decode(posted, (uint256));
        deliverAs(supplier, jobId);
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.confirm, (jobId, 5)));
        party.exec(
            address(escrow), CLAIM_FEE, abi.encodeCall(ITenderWarranty.claim, (jobId, 0, 4e6, "ipfs://claim"))
        );
        uint256 supplierBefore = supplier.balance;
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.PaymentCredited(address(party), ETH, 4e6 + CLAIM_FEE);
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        assertEq(escrow.credit(address(party), ETH), 4e6 + CLAIM_FEE, "credited");
        assertEq(supplier.balance, supplierBefore + 5.94e6, "the supplier still paid");
    }

    /*//////////////////////////////////////////////////////////////
                                REENTRANCY
    //////////////////////////////////////////////////////////////*/

    /// @dev Two jobs in a token that calls back on every transfer: `held` past its warranty, `delivered` past its
    /// review window; both could be settled by anyone.
    function reentrantJobs() internal returns (ReentrantToken evil, uint256 held, uint256 delivered, uint256 open) {
        evil = new ReentrantToken();
        allowToken(address(evil));
        evil.mint(buyer, 10 * uint256(PRICE));
        vm.prank(buyer);
        evil.approve(address(escrow), type(uint256).max);
        held = heldJob(address(evil));
        delivered = post(heldHireOf(address(evil), PRICE, HOLD_BPS));
        deliverAs(supplier, delivered);
        vm.warp(START + WARRANTY - 1);
        open = heldJob(address(evil)); // its warranty runs
        vm.warp(START + WARRANTY);
    }

    function assertGuardRefused(ReentrantToken evil) internal view {
        assertTrue(evil.attempted(), "the token tried");
        assertFalse(evil.reentered(), "re-entry refused");
        assertEq(bytes4(evil.reentryError()), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector, "by the lock");
    }

    function test_reentrantToken_cannotReleaseFromASettlementPayout() public {
        (ReentrantToken evil, uint256 held, uint256 delivered,) = reentrantJobs();
        evil.arm(address(escrow), abi.encodeCall(ITenderWarranty.release, (held, 0)));
        escrow.finalize(delivered);
        assertGuardRefused(evil);
        assertEq(escrow.heldOf(held, 0).amount, HELD, "still held");
        evil.arm(address(0), "");
        uint256 before = evil.balanceOf(supplier);
        escrow.release(held, 0);
        assertEq(evil.balanceOf(supplier), before + 9.9e6, "released once, afterwards");
    }

    function test_reentrantToken_cannotReenterTheEscrowFromARelease() public {
        (ReentrantToken evil, uint256 held, uint256 delivered,) = reentrantJobs();
        evil.arm(address(escrow), abi.encodeCall(ITenderEscrow.finalize, (delivered)));
        escrow.release(held, 0);
        assertGuardRefused(evil);
        assertStatus(delivered, Tender.Status.Delivered);
        evil.arm(address(escrow), abi.encodeCall(ITenderWarranty.release, (held, 0)));
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, held, 0));
        escrow.release(held, 0);
    }

    function test_reentrantToken_cannotReleaseWhileAClaimFeeIsCollected() public {
        (ReentrantToken evil, uint256 held,, uint256 open) = reentrantJobs();
        evil.arm(address(escrow), abi.encodeCall(ITenderWarranty.release, (held, 0)));
        vm.prank(buyer);
        escrow.claim(open, 0, 1, "x");
        assertGuardRefused(evil);
        assertEq(escrow.heldOf(held, 0).amount, HELD, "still held");
        assertEq(uint256(escrow.heldOf(open, 0).claim), uint256(Tender.ClaimStatus.Filed), "the claim went through");
    }

    function test_reentrantToken_cannotSettleAClaimFromItsOwnPayout() public {
        (ReentrantToken evil,,, uint256 open) = reentrantJobs();
        evil.mint(supplier, PRICE);
        vm.prank(supplier);
        evil.approve(address(escrow), type(uint256).max);
        fileClaim(open, 1e6);
        answerClaim(open);
        evil.arm(address(escrow), abi.encodeCall(ITenderWarranty.waive, (open, 0)));
        ruleClaimAs(arbitrator, open, 10_000);
        assertGuardRefused(evil);
        assertNothingHeld(open, Tender.ClaimStatus.Ended);
    }
}
