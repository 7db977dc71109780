// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../../contracts/interfaces/ITenderMarket.sol";
import {ITenderSigned} from "../../contracts/interfaces/ITenderSigned.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {SealedTest} from "./utils/SealedTest.sol";

/// @notice Sealed bids: commitments with the bond and the floors before the bid deadline, reveals in the reveal
/// window, the lowest revealed price awarded (the lower commit number on a tie), a commitment never revealed forfeiting
/// its bond to the buyer (never reaching reclaimBond), the RFQ lapsing when nothing valid is revealed, and commits made
/// on a signature.
contract TenderSealedTest is SealedTest {
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _COMMIT_TYPEHASH = keccak256(
        "Commit(address signer,uint256 jobId,bytes32 commitment,address token,uint96 bond,address relayer,uint256 nonce,uint256 deadline)"
    );

    address internal relayer = makeAddr("relayer");

    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    function test_post_sealedRFQ_needsABondOfAtLeastTheMinimum_notRoundedToZero() public {
        assertEq(escrow.MIN_SEALED_BOND_BPS(), 500, "the deployment's minimum");
        Tender.Floors memory floors = sealedFloors();
        floors.bondBps = 0;
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.SealedLowestPrice, floors);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.SealedBondTooLow.selector, 0, 500));
        escrow.postRFQ(rfq);

        rfq.floors.bondBps = 499;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.SealedBondTooLow.selector, 499, 500));
        escrow.postRFQ(rfq);

        // 500 bps of a maximum of 19 units is 0.95 of a unit: no bond at all; of 39 units, a bond of 1 (2.56%).
        rfq.floors.bondBps = 500;
        rfq.maxPrice = 19;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.SealedBondTooLow.selector, 500, 500));
        escrow.postRFQ(rfq);
        rfq.maxPrice = 39;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.SealedBondTooLow.selector, 500, 500));
        escrow.postRFQ(rfq);

        rfq.maxPrice = 20;
        vm.prank(buyer);
        uint256 jobId = escrow.postRFQ(rfq);
        Tender.RFQState memory state = escrow.rfqOf(jobId);
        assertEq(uint8(state.mode), uint8(Tender.AwardMode.SealedLowestPrice), "sealed");
        assertEq(state.awardDeadline, BID_DEADLINE + AWARD_WINDOW, "the reveal deadline");
        assertEq(escrow.job(jobId).flags & Tender.FLAG_SEALED, Tender.FLAG_SEALED, "flagged");
    }

    function test_post_sealedRFQ_needsARevealWindowInBounds() public {
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.SealedLowestPrice, sealedFloors());
        rfq.awardWindow = 0;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, 0, MIN_WINDOW, MAX_WINDOW));
        escrow.postRFQ(rfq);
    }

    /*//////////////////////////////////////////////////////////////
                                 COMMITS
    //////////////////////////////////////////////////////////////*/

    function test_commit_takesTheBond_hidesThePrice_andNumbersTheCommits() public {
        uint256 jobId = postSealed(address(usd));
        uint256 before = usd.balanceOf(s1);
        bytes32 c = commitmentOf(jobId, s1, 600e6, saltOf(s1));
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidCommitted(jobId, s1, c, BOND, 1);
        vm.prank(s1);
        escrow.commit(jobId, c, sealedFloors());
        commitAs(s2, jobId, 700e6);

        assertEq(usd.balanceOf(s1), before - BOND, "the bond taken");
        Tender.Bid memory b = escrow.bidOf(jobId, s1);
        assertEq(b.price, 0, "no price on chain");
        assertEq(b.bond, BOND, "bonded");
        assertEq(b.placedAt, 1, "commit number 1");
        assertTrue(b.unrevealed, "sealed");
        assertEq(escrow.bidOf(jobId, s2).placedAt, 2, "commit number 2");
        assertEq(escrow.commitmentOf(jobId, s1), c, "the commitment kept");
        assertEq(escrow.commitCount(jobId), 2, "two commits");
        (address best,) = escrow.bestBid(jobId);
        assertEq(best, address(0), "nothing leads before a reveal");
    }

    function test_commit_refusals_byName() public {
        uint256 jobId = postSealed(address(usd));
        Tender.Floors memory floors = sealedFloors();
        bytes32 c = commitmentOf(jobId, s1, 600e6, saltOf(s1));

        vm.prank(s1);
        vm.expectRevert(ITenderMarket.EmptyCommitment.selector);
        escrow.commit(jobId, bytes32(0), floors);

        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidSupplier.selector, buyer));
        escrow.commit(jobId, c, floors);

        vm.prank(arbitrator);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ArbitratorIsParty.selector, arbitrator));
        escrow.commit(jobId, c, floors);

        Tender.Floors memory other = sealedFloors();
        other.bondBps = 500;
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.FloorsMismatch.selector, jobId));
        escrow.commit(jobId, c, other);

        // An open bid on a sealed RFQ, and a commit on an open one, are the wrong mode.
        vm.prank(s1);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderMarket.WrongAwardMode.selector, jobId, Tender.AwardMode.SealedLowestPrice)
        );
        escrow.bid(jobId, 600e6, floors);
        uint256 open = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.WrongAwardMode.selector, open, Tender.AwardMode.LowestPrice));
        escrow.commit(open, c, floors);

        // ETH sent with a commit in a token.
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 1, 0));
        escrow.commit{value: 1}(jobId, c, floors);

        commitAs(s1, jobId, 600e6);
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.AlreadyBid.selector, jobId, s1));
        escrow.commit(jobId, c, floors);

        vm.warp(BID_DEADLINE);
        vm.prank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingClosed.selector, jobId, BID_DEADLINE));
        escrow.commit(jobId, c, floors);
        assertEq(escrow.commitCount(jobId), 1, "only the one commit");
    }

    function test_commit_checksTheFloorsAtCommit() public {
        Tender.Floors memory floors = sealedFloors();
        floors.minCompleted = 1;
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.SealedLowestPrice, floors));
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.RecordFloorNotMet.selector, jobId, bytes32("minCompleted"), 1, 0));
        escrow.commit(jobId, commitmentOf(jobId, s1, 600e6, saltOf(s1)), floors);
    }

    /*//////////////////////////////////////////////////////////////
                                 REVEALS
    //////////////////////////////////////////////////////////////*/

    function test_reveal_opensTheBid_byAnyoneHoldingTheOpening_inTheRevealWindowOnly() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6);
        bytes32 salt = saltOf(s1);

        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingOpen.selector, jobId, BID_DEADLINE));
        escrow.reveal(jobId, s1, 600e6, salt);

        vm.warp(BID_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CommitmentMismatch.selector, jobId, s1));
        escrow.reveal(jobId, s1, 599e6, salt);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CommitmentMismatch.selector, jobId, s1));
        escrow.reveal(jobId, s1, 600e6, bytes32(uint256(salt) + 1));
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NothingToReveal.selector, jobId, s2));
        escrow.reveal(jobId, s2, 600e6, salt); // s1's opening is not s2's commitment

        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidRevealed(jobId, s1, 600e6, true, true);
        vm.prank(stranger);
        escrow.reveal(jobId, s1, 600e6, salt);
        Tender.Bid memory b = escrow.bidOf(jobId, s1);
        assertEq(b.price, 600e6, "the price on chain");
        assertFalse(b.unrevealed, "revealed");
        assertEq(escrow.commitmentOf(jobId, s1), bytes32(0), "the commitment spent");
        (address best, uint96 price) = escrow.bestBid(jobId);
        assertEq(best, s1, "leads");
        assertEq(price, 600e6, "at its price");

        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NothingToReveal.selector, jobId, s1));
        escrow.reveal(jobId, s1, 600e6, salt);

        vm.warp(REVEAL_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.RevealClosed.selector, jobId, REVEAL_DEADLINE));
        escrow.reveal(jobId, s2, 600e6, saltOf(s2));
    }

    function test_reveal_aCommitmentForAnotherChainEscrowOrJob_doesNotOpen() public {
        uint256 jobId = postSealed(address(usd));
        uint256 other = postSealed(address(usd));
        bytes32 salt = saltOf(s1);
        bytes32 wrongJob = commitmentOf(other, s1, 600e6, salt);
        bytes32 wrongChain = keccak256(abi.encode(block.chainid + 1, address(escrow), jobId, s1, uint96(600e6), salt));
        bytes32 wrongEscrow = keccak256(abi.encode(block.chainid, address(this), jobId, s1, uint96(600e6), salt));
        vm.prank(s1);
        escrow.commit(jobId, wrongJob, sealedFloors());
        vm.prank(s2);
        escrow.commit(jobId, wrongChain, sealedFloors());
        vm.prank(s3);
        escrow.commit(jobId, wrongEscrow, sealedFloors());
        vm.warp(BID_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CommitmentMismatch.selector, jobId, s1));
        escrow.reveal(jobId, s1, 600e6, salt);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CommitmentMismatch.selector, jobId, s2));
        escrow.reveal(jobId, s2, 600e6, salt);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CommitmentMismatch.selector, jobId, s3));
        escrow.reveal(jobId, s3, 600e6, salt);
    }

    function test_reveal_onAnOpenRFQ_isTheWrongMode() public {
        uint256 open = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.WrongAwardMode.selector, open, Tender.AwardMode.LowestPrice));
        escrow.reveal(open, s1, 1, bytes32(0));
    }

    /*//////////////////////////////////////////////////////////////
                                  AWARD
    //////////////////////////////////////////////////////////////*/

    function test_award_lowestRevealedPrice_afterTheRevealWindow_restRefunded_losersReclaim() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 700e6);
        commitAs(s2, jobId, 500e6);
        commitAs(s3, jobId, 650e6);
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 700e6);
        revealAs(s3, jobId, 650e6);
        revealAs(s2, jobId, 500e6);

        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.RevealOpen.selector, jobId, REVEAL_DEADLINE));
        escrow.award(jobId);

        vm.warp(REVEAL_DEADLINE);
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.JobAwarded(jobId, s2, 500e6, MAX - 500e6, uint40(REVEAL_DEADLINE + DELIVERY));
        vm.prank(stranger);
        escrow.award(jobId);
        assertEq(usd.balanceOf(buyer), buyerBefore + MAX - 500e6, "the rest of the maximum back");
        assertEq(escrow.job(jobId).price, 500e6, "the winning price");

        uint256 s1Before = usd.balanceOf(s1);
        vm.prank(s1);
        escrow.reclaimBond(jobId);
        assertEq(usd.balanceOf(s1), s1Before + BOND, "a revealed loser's bond back");
        vm.prank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s2));
        escrow.reclaimBond(jobId);

        // The winner runs the job as any RFQ's: its bond comes back with the price.
        uint256 s2Before = usd.balanceOf(s2);
        vm.prank(s2);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        assertEq(usd.balanceOf(s2), s2Before + 500e6 - 5e6 + BOND, "price less the fee, and the bond");
    }

    function test_award_aTieGoesToTheLowerCommitNumber_whateverTheRevealOrder() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6); // commit 1
        commitAs(s2, jobId, 600e6); // commit 2
        vm.warp(BID_DEADLINE);
        revealAs(s2, jobId, 600e6); // revealed first, committed later
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidRevealed(jobId, s1, 600e6, true, true);
        revealAs(s1, jobId, 600e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        assertEq(escrow.job(jobId).supplier, s1, "the earlier commit wins the tie");
    }

    function test_award_aPriceOutOfRange_isRevealedButCannotWin_andForfeits() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, MAX + 1);
        commitAs(s2, jobId, 0);
        commitAs(s3, jobId, 900e6);
        vm.warp(BID_DEADLINE);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidRevealed(jobId, s1, MAX + 1, false, false);
        revealAs(s1, jobId, MAX + 1);
        assertTrue(escrow.bidOf(jobId, s1).unrevealed, "no valid price: still forfeitable");
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CommitmentMismatch.selector, jobId, s1));
        escrow.reveal(jobId, s1, MAX + 1, saltOf(s1)); // its opening is spent
        revealAs(s2, jobId, 0);
        revealAs(s3, jobId, 900e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        assertEq(escrow.job(jobId).supplier, s3, "the only valid price wins");
        // A price that cannot win is no bid: its bond goes to the buyer as an unrevealed one's.
        for (uint256 i; i < 2; ++i) {
            address who = i == 0 ? s1 : s2;
            vm.prank(who);
            vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondForfeit.selector, jobId, who));
            escrow.reclaimBond(jobId);
            escrow.forfeitBond(jobId, who);
            assertEq(escrow.bidOf(jobId, who).bond, 0, "forfeited");
        }
        // Nothing reopens it: the job went on.
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Open, Tender.Status.Awarded));
        escrow.reveal(jobId, s1, MAX + 1, saltOf(s1));
    }

    /// @dev A fuzzed market of three sealed bids, some revealed: the award goes to the lowest revealed price, the
    /// lower commit number on a tie, found without a loop; every bond ends with its bidder or the buyer.
    function testFuzz_award_isTheLowestRevealed_tiesByCommitOrder(uint96[3] memory prices, bool[3] memory reveals)
        public
    {
        address[3] memory who = [s1, s2, s3];
        uint256 jobId = postSealed(address(usd));
        for (uint256 i; i < 3; ++i) {
            prices[i] = uint96(bound(prices[i], 1, MAX));
            commitAs(who[i], jobId, prices[i]);
        }
        vm.warp(BID_DEADLINE);
        uint256 winner = type(uint256).max;
        for (uint256 i = 3; i > 0; --i) {
            // revealed in reverse commit order
            if (!reveals[i - 1]) continue;
            revealAs(who[i - 1], jobId, prices[i - 1]);
        }
        for (uint256 i; i < 3; ++i) {
            if (reveals[i] && (winner == type(uint256).max || prices[i] < prices[winner])) winner = i;
        }
        vm.warp(REVEAL_DEADLINE);
        uint256 buyerBefore = usd.balanceOf(buyer);
        if (winner == type(uint256).max) {
            vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NoBids.selector, jobId));
            escrow.award(jobId);
            vm.prank(buyer);
            escrow.cancel(jobId);
        } else {
            escrow.award(jobId);
            assertEq(escrow.job(jobId).supplier, who[winner], "lowest revealed, earliest commit on a tie");
            assertEq(escrow.job(jobId).price, prices[winner], "at its price");
        }
        uint256 forfeited;
        for (uint256 i; i < 3; ++i) {
            if (i == winner) continue;
            uint256 before = usd.balanceOf(who[i]);
            if (reveals[i]) {
                vm.prank(who[i]);
                escrow.reclaimBond(jobId);
                assertEq(usd.balanceOf(who[i]), before + BOND, "a revealed bond back");
            } else {
                vm.prank(who[i]);
                vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondForfeit.selector, jobId, who[i]));
                escrow.reclaimBond(jobId);
                escrow.forfeitBond(jobId, who[i]);
                forfeited += BOND;
            }
        }
        uint256 refund = winner == type(uint256).max ? MAX : MAX - prices[winner];
        assertEq(usd.balanceOf(buyer), buyerBefore + refund + forfeited, "the buyer: its refund and every forfeit");
    }

    /*//////////////////////////////////////////////////////////////
                       UNREVEALED BONDS, AND LAPSES
    //////////////////////////////////////////////////////////////*/

    /// @dev The planted bug this guards: before sealed bids, reclaimBond returned the bond of any non-winner once
    /// bidding ended. A commitment never revealed must never reach it, after an award or after a cancel.
    function test_plantedBug_anUnrevealedBond_neverComesBackThroughReclaimBond_afterAwardOrCancel() public {
        // After an award.
        uint256 awarded = postSealed(address(usd));
        commitAs(s1, awarded, 600e6);
        commitAs(s2, awarded, 500e6); // the better price, never revealed
        vm.warp(BID_DEADLINE);
        revealAs(s1, awarded, 600e6);
        // And after a cancel: commits, no reveal.
        vm.warp(START);
        uint256 lapsed = postSealed(address(usd));
        commitAs(s2, lapsed, 500e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(awarded);
        vm.warp(START + 2 * BIDDING + AWARD_WINDOW);
        vm.prank(buyer);
        escrow.cancel(lapsed);

        uint256 s2Before = usd.balanceOf(s2);
        vm.startPrank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondForfeit.selector, awarded, s2));
        escrow.reclaimBond(awarded);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondForfeit.selector, lapsed, s2));
        escrow.reclaimBond(lapsed);
        vm.stopPrank();
        assertEq(usd.balanceOf(s2), s2Before, "nothing back");

        // Anyone sends each forfeited bond to its buyer, once.
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BondForfeited(awarded, s2, buyer, BOND);
        vm.prank(stranger);
        escrow.forfeitBond(awarded, s2);
        escrow.forfeitBond(lapsed, s2);
        assertEq(usd.balanceOf(buyer), buyerBefore + 2 * BOND, "both bonds to the buyer");
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, awarded, s2));
        escrow.forfeitBond(awarded, s2);
        vm.prank(s2);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, awarded, s2));
        escrow.reclaimBond(awarded);
    }

    function test_forfeitBond_refusals_revealedOrBeforeTheRevealDeadline() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6);
        commitAs(s2, jobId, 700e6);
        vm.warp(BID_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, jobId, s2));
        escrow.forfeitBond(jobId, s2); // it may still reveal
        revealAs(s1, jobId, 600e6);
        vm.warp(REVEAL_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, jobId, s1));
        escrow.forfeitBond(jobId, s1); // revealed
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotForfeitable.selector, jobId, s3));
        escrow.forfeitBond(jobId, s3); // never bid
        escrow.forfeitBond(jobId, s2);
        // Forfeiting before the award changes nothing of it.
        escrow.award(jobId);
        assertEq(escrow.job(jobId).supplier, s1, "awarded");
    }

    function test_cancel_beforeTheFirstCommit_byTheBuyer_butNotAfter() public {
        uint256 empty = postSealed(address(usd));
        vm.prank(buyer);
        escrow.cancel(empty);
        assertStatus(empty, Tender.Status.Cancelled);

        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, REVEAL_DEADLINE));
        escrow.cancel(jobId);
    }

    function test_lapse_noValidReveal_buyerThenAnyoneCancels_everyBondForfeit() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, MAX + 1); // revealed, out of range: no bid
        commitAs(s2, jobId, 400e6); // never revealed
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, MAX + 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, REVEAL_DEADLINE + GRACE));
        vm.prank(stranger);
        escrow.cancel(jobId);

        vm.warp(REVEAL_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NoBids.selector, jobId));
        escrow.award(jobId);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, REVEAL_DEADLINE + GRACE));
        escrow.cancel(jobId);
        vm.warp(REVEAL_DEADLINE + GRACE);
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.prank(stranger);
        escrow.cancel(jobId);
        assertEq(usd.balanceOf(buyer), buyerBefore + MAX, "the maximum back");

        for (uint256 i; i < 2; ++i) {
            address who = i == 0 ? s1 : s2;
            vm.prank(who);
            vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondForfeit.selector, jobId, who));
            escrow.reclaimBond(jobId);
            escrow.forfeitBond(jobId, who);
        }
        assertEq(usd.balanceOf(buyer), buyerBefore + MAX + 2 * BOND, "and both bonds: no valid price was revealed");
    }

    function test_aRevealedPrice_keepsTheRFQFromLapsing_anyoneAwards() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6);
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 600e6);
        vm.warp(REVEAL_DEADLINE + GRACE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, 0));
        escrow.cancel(jobId);
        escrow.award(jobId);
        assertStatus(jobId, Tender.Status.Awarded);
    }

    function test_sealedInEth_commitWithValue_forfeitToTheBuyer() public {
        uint256 jobId = postSealed(ETH);
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 0, BOND));
        escrow.commit(jobId, commitmentOf(jobId, s1, 600e6, saltOf(s1)), sealedFloors());
        commitAs(s1, jobId, 600e6, ETH);
        commitAs(s2, jobId, 700e6, ETH);
        vm.warp(BID_DEADLINE);
        revealAs(s2, jobId, 700e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        uint256 buyerBefore = buyer.balance;
        escrow.forfeitBond(jobId, s1);
        assertEq(buyer.balance, buyerBefore + BOND, "the forfeited ETH bond");
    }

    function test_pickAndImprove_doNotApplyToSealedBids() public {
        uint256 jobId = postSealed(address(usd));
        commitAs(s1, jobId, 600e6);
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NoBid.selector, jobId, s1));
        escrow.improveBid(jobId, 500e6);
        vm.warp(BID_DEADLINE);
        revealAs(s1, jobId, 600e6);
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderMarket.WrongAwardMode.selector, jobId, Tender.AwardMode.SealedLowestPrice)
        );
        escrow.pick(jobId, s1);
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingClosed.selector, jobId, BID_DEADLINE));
        escrow.improveBid(jobId, 500e6);
    }

    /*//////////////////////////////////////////////////////////////
                             SIGNED COMMITS
    //////////////////////////////////////////////////////////////*/

    uint256 internal constant AGENT_KEY = 0x5EA1ED;

    function commitSig(uint256 jobId, bytes32 c, address token, uint96 bond, uint256 nonce, address named)
        internal
        view
        returns (Tender.Signed memory s)
    {
        s.signer = vm.addr(AGENT_KEY);
        s.relayer = named;
        s.nonce = nonce;
        s.deadline = BID_DEADLINE;
        bytes32 structHash = keccak256(
            abi.encode(_COMMIT_TYPEHASH, s.signer, jobId, c, token, bond, s.relayer, s.nonce, s.deadline)
        );
        bytes32 domain =
            keccak256(abi.encode(_DOMAIN_TYPEHASH, keccak256("Tender"), keccak256("1"), block.chainid, address(escrow)));
        (uint8 v, bytes32 r, bytes32 sig) = vm.sign(AGENT_KEY, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        s.signature = abi.encodePacked(r, sig, v);
    }

    function test_commitBySig_aGaslessAgentCommits_aRelayerReveals_andItWins() public {
        address agent = vm.addr(AGENT_KEY);
        usd.mint(agent, 1_000e6);
        uint256 jobId = postSealed(address(usd));
        bytes32 salt = keccak256("agent's salt");
        bytes32 c = commitmentOf(jobId, agent, 550e6, salt);
        Tender.Permit memory p = permitOf(AGENT_KEY, address(escrow), BOND, BID_DEADLINE);
        Tender.Signed memory s = commitSig(jobId, c, address(usd), BOND, 7, relayer);

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NotRelayer.selector, relayer, stranger));
        escrow.commitBySig(jobId, c, sealedFloors(), p, s);

        // A signature for another bond (the floors are the RFQ's) does not verify.
        Tender.Signed memory cheap = commitSig(jobId, c, address(usd), BOND / 2, 8, relayer);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, agent));
        escrow.commitBySig(jobId, c, sealedFloors(), p, cheap);

        vm.prank(relayer);
        escrow.commitBySig(jobId, c, sealedFloors(), p, s);
        assertEq(usd.balanceOf(agent), 1_000e6 - BOND, "the bond from the signer, by permit");
        assertTrue(escrow.bidOf(jobId, agent).unrevealed, "committed for the signer");

        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, agent, 7));
        escrow.commitBySig(jobId, c, sealedFloors(), p, s);

        commitAs(s1, jobId, 600e6);
        vm.warp(BID_DEADLINE);
        vm.prank(relayer);
        escrow.reveal(jobId, agent, 550e6, salt); // no signature: the opening is the authority
        revealAs(s1, jobId, 600e6);
        vm.warp(REVEAL_DEADLINE);
        escrow.award(jobId);
        assertEq(escrow.job(jobId).supplier, agent, "the gasless agent wins");
        assertEq(agent.balance, 0, "it holds no ETH");
    }

    function test_commitBySig_ethBond_cannotBeSigned() public {
        uint256 jobId = postSealed(ETH);
        bytes32 c = commitmentOf(jobId, vm.addr(AGENT_KEY), 550e6, bytes32(0));
        Tender.Signed memory s = commitSig(jobId, c, ETH, BOND, 0, address(0)); // signed over the job's token
        Tender.Permit memory none;
        vm.expectRevert(ITenderSigned.PermitForEth.selector);
        escrow.commitBySig(jobId, c, sealedFloors(), none, s);
    }
}
