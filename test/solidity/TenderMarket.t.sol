// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../../contracts/interfaces/ITenderMarket.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {MarketTest} from "./utils/MarketTest.sol";

/// @notice postRFQ, bid, improveBid, award, pick, cancel, reclaimBond: every transition and every refusal.
contract TenderMarketTest is MarketTest {
    /*//////////////////////////////////////////////////////////////
                                POST RFQ
    //////////////////////////////////////////////////////////////*/

    function test_postRFQ_escrowsMaximum_andOpensForBids() public {
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, fullFloors());
        vm.expectEmit(address(escrow));
        emit ITenderMarket.RFQPosted(1, buyer, rfq, uint40(START + BIDDING), termsId, FEE_BPS);
        uint256 jobId = postRFQ(rfq);

        Tender.Job memory job = escrow.job(jobId);
        assertEq(uint256(job.status), uint256(Tender.Status.Open), "open");
        assertEq(job.deadline, START + BIDDING, "deadline is the bid deadline");
        assertEq(job.price, MAX, "maximum escrowed");
        assertEq(job.supplier, address(0), "no supplier yet");
        assertEq(job.flags, 0, "not direct, no holdback");
        assertEq(job.specHash, keccak256(bytes(SPEC)), "spec hash");
        Tender.RFQState memory state = escrow.rfqOf(jobId);
        assertEq(state.awardDeadline, START + BIDDING, "lowest price: award deadline is the bid deadline");
        assertEq(bytes32(state.floorsHash), bytes32(bytes24(keccak256(abi.encode(fullFloors())))), "floors commitment");
        assertEq(usd.balanceOf(address(escrow)), MAX, "held");
        assertEq(escrow.buyerRecord(buyer).posted, 1, "posted");
    }

    function test_postRFQ_buyerChoice_inEth_setsAwardDeadline() public {
        uint256 jobId = postRFQ(ETH, Tender.AwardMode.BuyerChoice);
        assertEq(escrow.rfqOf(jobId).awardDeadline, START + BIDDING + AWARD_WINDOW, "award deadline");
        assertEq(uint256(escrow.rfqOf(jobId).mode), uint256(Tender.AwardMode.BuyerChoice), "mode");
        assertEq(address(escrow).balance, MAX, "held");
    }

    function test_postRFQ_failsForBidDeadlineOutOfRange() public {
        Tender.RFQ memory rfq = rfqOf(ETH, Tender.AwardMode.LowestPrice, noFloors());
        rfq.bidDeadline = uint40(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, 0, MIN_WINDOW, MAX_WINDOW));
        postRFQ(rfq);
        rfq.bidDeadline = uint40(block.timestamp + MIN_WINDOW - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MIN_WINDOW - 1, MIN_WINDOW, MAX_WINDOW)
        );
        postRFQ(rfq);
        rfq.bidDeadline = uint40(block.timestamp + MAX_WINDOW + 1);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, MAX_WINDOW + 1, MIN_WINDOW, MAX_WINDOW)
        );
        postRFQ(rfq);
    }

    function test_postRFQ_failsForAwardWindowOutOfRange_inBuyerChoice() public {
        Tender.RFQ memory rfq = rfqOf(ETH, Tender.AwardMode.BuyerChoice, noFloors());
        rfq.awardWindow = 0;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, 0, MIN_WINDOW, MAX_WINDOW));
        postRFQ(rfq);
    }

    function test_postRFQ_failsForTooManyMetricFloors() public {
        Tender.Floors memory floors = noFloors();
        floors.metrics = new Tender.MetricFloor[](9);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.TooManyMetricFloors.selector, 9, 8));
        postRFQ(rfqOf(ETH, Tender.AwardMode.LowestPrice, floors));
    }

    function test_postRFQ_failsForFloorsOutOfRange() public {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 10_001;
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.InvalidFloor.selector, bytes32("bondBps"), 10_001));
        postRFQ(rfqOf(ETH, Tender.AwardMode.LowestPrice, floors));
        floors.bondBps = 0;
        floors.maxLossShareBps = 10_001;
        vm.expectRevert(
            abi.encodeWithSelector(ITenderMarket.InvalidFloor.selector, bytes32("maxLossShareBps"), 10_001)
        );
        postRFQ(rfqOf(ETH, Tender.AwardMode.LowestPrice, floors));
        floors.maxLossShareBps = 0;
        floors.minAvgRating = 501;
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.InvalidFloor.selector, bytes32("minAvgRating"), 501));
        postRFQ(rfqOf(ETH, Tender.AwardMode.LowestPrice, floors));
    }

    function test_postRFQ_failsWhenPausedOrFree() public {
        Tender.RFQ memory rfq = rfqOf(ETH, Tender.AwardMode.LowestPrice, noFloors());
        rfq.maxPrice = 0;
        vm.expectRevert(ITenderEscrow.ZeroPrice.selector);
        postRFQ(rfq);
        vm.prank(owner);
        escrow.setPostingPaused(true);
        vm.expectRevert(ITenderEscrow.PostingPaused.selector);
        postRFQ(ETH, Tender.AwardMode.LowestPrice);
    }

    function test_postRFQ_failsWhenBuyerIsTheArbitrator() public {
        vm.prank(buyer);
        escrow.registerArbitrator(100, 1 days, "ipfs://self");
        Tender.RFQ memory rfq = rfqOf(ETH, Tender.AwardMode.LowestPrice, noFloors());
        rfq.arbitrator = buyer;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ArbitratorIsParty.selector, buyer));
        postRFQ(rfq);
    }

    /*//////////////////////////////////////////////////////////////
                                   BID
    //////////////////////////////////////////////////////////////*/

    function test_bid_takesBond_andLeads() public {
        attestFor(s1, 70, 1_500);
        Tender.Floors memory floors = fullFloors();
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        uint256 before = usd.balanceOf(s1);
        vm.warp(START + BIDDING - 1);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidPlaced(jobId, s1, 800e6, 100e6, true);
        bidAs(s1, jobId, 800e6, floors, address(usd));
        assertEq(usd.balanceOf(s1), before - 100e6, "bond is 10% of the maximum");
        Tender.Bid memory b = escrow.bidOf(jobId, s1);
        assertEq(b.price, 800e6, "price");
        assertEq(b.bond, 100e6, "bond");
        assertEq(b.placedAt, START + BIDDING - 1, "placed at");
        (address best, uint96 bestPrice) = escrow.bestBid(jobId);
        assertEq(best, s1, "leads");
        assertEq(bestPrice, 800e6, "best price");
    }

    function test_bid_inEth_takesBondAsValue() public {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 500;
        uint256 jobId = postRFQ(rfqOf(ETH, Tender.AwardMode.LowestPrice, floors));
        vm.prank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 0, 50e6));
        escrow.bid(jobId, 900e6, floors);
        bidAs(s1, jobId, MAX, floors, ETH);
        assertEq(address(escrow).balance, MAX + 50e6, "maximum and bond held");
    }

    function test_bid_tracksBest_earliestWinsTies() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, 900e6);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidPlaced(jobId, s2, 900e6, 0, false);
        bidAs(s2, jobId, 900e6); // a tie: the earlier bid keeps the lead
        bidAs(s3, jobId, 950e6); // higher: no lead
        (address best,) = escrow.bestBid(jobId);
        assertEq(best, s1, "earliest of the lowest");
        bidAs(supplier, jobId, 899e6);
        (best,) = escrow.bestBid(jobId);
        assertEq(best, supplier, "strictly lower leads");
    }

    function test_bid_failsOutsideAnOpenRfq() public {
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.UnknownJob.selector, 9));
        bidAs(s1, 9, 1);
        uint256 direct = post(ETH);
        vm.expectRevert(wrongStatus(direct, Tender.Status.Open, Tender.Status.Awarded));
        bidAs(s1, direct, 1);
    }

    function test_bid_failsAtBidDeadline() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        vm.warp(START + BIDDING);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingClosed.selector, jobId, START + BIDDING));
        bidAs(s1, jobId, 1);
    }

    function test_bid_failsForPriceOutOfRange() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        vm.expectRevert(ITenderEscrow.ZeroPrice.selector);
        bidAs(s1, jobId, 0);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BidAboveMaximum.selector, jobId, MAX + 1, MAX));
        bidAs(s1, jobId, MAX + 1);
    }

    function test_bid_failsForBuyerAndArbitrator() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.InvalidSupplier.selector, buyer));
        bidAs(buyer, jobId, 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.ArbitratorIsParty.selector, arbitrator));
        bidAs(arbitrator, jobId, 1);
    }

    function test_bid_failsTwice() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, 500e6);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.AlreadyBid.selector, jobId, s1));
        bidAs(s1, jobId, 400e6);
    }

    function test_bid_failsWithOtherFloors() public {
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, fullFloors()));
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.FloorsMismatch.selector, jobId));
        bidAs(s1, jobId, 500e6, noFloors(), address(usd));
    }

    function test_bid_refusedByEachRecordFloor() public {
        // s1 has two jobs done, rated 5 and 3: completed 2, volume 200 mUSD, 2 ratings averaging 4.00.
        completeDirectHire(s1, 5);
        completeDirectHire(s1, 3);
        Tender.Floors memory floors = noFloors();

        floors.minCompleted = 3;
        expectRecordFloor(floors, "minCompleted", 3, 2);
        floors.minCompleted = 2;
        floors.minVolume = 200e6 + 1;
        expectRecordFloor(floors, "minVolume", 200e6 + 1, 200e6);
        floors.minVolume = 200e6;
        floors.minRatings = 3;
        expectRecordFloor(floors, "minRatings", 3, 2);
        floors.minRatings = 2;
        floors.minAvgRating = 401;
        expectRecordFloor(floors, "minAvgRating", 401, 400);
        floors.minAvgRating = 400;
        setDisputes(s1, 4, 1); // 2,500 bps of disputes lost
        floors.maxLossShareBps = 2_499;
        expectRecordFloor(floors, "maxLossShareBps", 2_499, 2_500);
        floors.maxLossShareBps = 2_500;

        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        bidAs(s1, jobId, 500e6, floors, address(usd)); // every floor met exactly
    }

    function test_bid_unratedSupplierFailsAnyRatingFloor() public {
        Tender.Floors memory floors = noFloors();
        floors.minAvgRating = 100;
        expectRecordFloor(floors, "minAvgRating", 100, 0);
    }

    function test_bid_refusedByEachMetricFloor() public {
        Tender.Floors memory floors = fullFloors();
        floors.bondBps = 0;
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));

        // No attestation at all.
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.MetricFloorNotMet.selector, jobId, 0, SWE, 60, 0));
        bidAs(s1, jobId, 500e6, floors, address(usd));
        // At least: 59 < 60.
        attestFor(s1, 59, 1_500);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.MetricFloorNotMet.selector, jobId, 0, SWE, 60, 59));
        bidAs(s1, jobId, 500e6, floors, address(usd));
        // At most: 2,001 > 2,000.
        attestFor(s1, 60, 2_001);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.MetricFloorNotMet.selector, jobId, 1, P95, 2_000, 2_001));
        bidAs(s1, jobId, 500e6, floors, address(usd));
        // Revoked.
        attestFor(s1, 60, 2_000);
        vm.prank(attestor);
        registry.revoke(s1, P95);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.MetricFloorNotMet.selector, jobId, 1, P95, 2_000, 0));
        bidAs(s1, jobId, 500e6, floors, address(usd));
        // Expired: valid until now is no longer current.
        vm.startPrank(attestor);
        registry.attest(s1, P95, 2_000, uint40(block.timestamp + 1));
        vm.stopPrank();
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.MetricFloorNotMet.selector, jobId, 1, P95, 2_000, 0));
        bidAs(s1, jobId, 500e6, floors, address(usd));
        // Another attestor's word does not count.
        vm.prank(stranger);
        registry.attest(s1, P95, 1, uint40(block.timestamp + 1 days));
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.MetricFloorNotMet.selector, jobId, 1, P95, 2_000, 0));
        bidAs(s1, jobId, 500e6, floors, address(usd));
        // Both met, at the thresholds.
        attestFor(s1, 60, 2_000);
        bidAs(s1, jobId, 500e6, floors, address(usd));
    }

    /*//////////////////////////////////////////////////////////////
                               IMPROVE
    //////////////////////////////////////////////////////////////*/

    function test_improveBid_lowersPrice_andMayLead() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, 900e6);
        bidAs(s2, jobId, 950e6);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BidImproved(jobId, s2, 900e6, false);
        vm.prank(s2);
        escrow.improveBid(jobId, 900e6); // ties the best: the earlier bid keeps the lead
        vm.warp(START + 10);
        vm.prank(s2);
        escrow.improveBid(jobId, 899e6);
        assertEq(escrow.bidOf(jobId, s2).placedAt, START + 10, "the new price counts from now");
        (address best, uint96 price) = escrow.bestBid(jobId);
        assertEq(best, s2, "strictly lower leads");
        vm.prank(s2);
        escrow.improveBid(jobId, 850e6); // the leader improving stays the leader
        (best, price) = escrow.bestBid(jobId);
        assertEq(price, 850e6, "best price follows");
        assertEq(escrow.bidOf(jobId, s2).bond, 0, "bond unchanged");
    }

    function test_improveBid_failsWithoutALowerPrice() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NoBid.selector, jobId, s1));
        vm.prank(s1);
        escrow.improveBid(jobId, 1);
        bidAs(s1, jobId, 900e6);
        vm.startPrank(s1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotAnImprovement.selector, jobId, 900e6, 900e6));
        escrow.improveBid(jobId, 900e6);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NotAnImprovement.selector, jobId, 0, 900e6));
        escrow.improveBid(jobId, 0);
        vm.stopPrank();
    }

    function test_improveBid_failsAtBidDeadlineAndAfterAward() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, 900e6);
        vm.warp(START + BIDDING);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingClosed.selector, jobId, START + BIDDING));
        vm.prank(s1);
        escrow.improveBid(jobId, 800e6);
        escrow.award(jobId);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Open, Tender.Status.Awarded));
        vm.prank(s1);
        escrow.improveBid(jobId, 800e6);
    }

    /*//////////////////////////////////////////////////////////////
                                 AWARD
    //////////////////////////////////////////////////////////////*/

    function test_award_givesTheJobToTheBestBid_andRefundsTheRest() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, 700e6);
        bidAs(s2, jobId, 600e6);
        uint256 before = usd.balanceOf(buyer);
        vm.warp(START + BIDDING - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingOpen.selector, jobId, START + BIDDING));
        escrow.award(jobId);
        vm.warp(START + BIDDING);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.JobAwarded(jobId, s2, 600e6, 400e6, uint40(START + BIDDING + DELIVERY));
        vm.prank(stranger);
        escrow.award(jobId);

        Tender.Job memory job = escrow.job(jobId);
        assertEq(uint256(job.status), uint256(Tender.Status.Awarded), "awarded");
        assertEq(job.supplier, s2, "winner");
        assertEq(job.price, 600e6, "price");
        assertEq(job.deadline, START + BIDDING + DELIVERY, "deliver-by counts from the award");
        assertEq(usd.balanceOf(buyer), before + 400e6, "the rest of the maximum back at once");
        assertEq(escrow.supplierRecord(s2).won, 1, "won at award");
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Open, Tender.Status.Awarded));
        escrow.award(jobId);
    }

    function test_award_failsWithoutBidsOrInBuyerChoice() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        vm.warp(START + BIDDING);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NoBids.selector, jobId));
        escrow.award(jobId);
        uint256 choice = postRFQ(address(usd), Tender.AwardMode.BuyerChoice);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderMarket.WrongAwardMode.selector, choice, Tender.AwardMode.BuyerChoice)
        );
        escrow.award(choice);
    }

    function test_pick_buyerPicksAnyBid_inTheAwardWindow() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.BuyerChoice);
        bidAs(s1, jobId, 700e6);
        bidAs(s2, jobId, 900e6);
        vm.startPrank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BiddingOpen.selector, jobId, START + BIDDING));
        escrow.pick(jobId, s2);
        vm.warp(START + BIDDING + AWARD_WINDOW - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.NoBid.selector, jobId, s3));
        escrow.pick(jobId, s3);
        escrow.pick(jobId, s2); // not the lowest: the buyer's choice
        vm.stopPrank();
        assertEq(escrow.job(jobId).supplier, s2, "picked");
        assertEq(escrow.job(jobId).price, 900e6, "at its price");
    }

    function test_pick_failsForOthers_lateOrInLowestPrice() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.BuyerChoice);
        bidAs(s1, jobId, 700e6);
        vm.warp(START + BIDDING);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, s1));
        vm.prank(s1);
        escrow.pick(jobId, s1);
        vm.warp(START + BIDDING + AWARD_WINDOW);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderMarket.AwardWindowClosed.selector, jobId, START + BIDDING + AWARD_WINDOW)
        );
        vm.prank(buyer);
        escrow.pick(jobId, s1);
        uint256 lowest = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderMarket.WrongAwardMode.selector, lowest, Tender.AwardMode.LowestPrice)
        );
        vm.prank(buyer);
        escrow.pick(lowest, s1);
    }

    /*//////////////////////////////////////////////////////////////
                                 CANCEL
    //////////////////////////////////////////////////////////////*/

    function test_cancel_byBuyerBeforeTheFirstBid() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        uint256 before = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.JobCancelled(jobId, buyer, MAX);
        vm.prank(buyer);
        escrow.cancel(jobId);
        assertStatus(jobId, Tender.Status.Cancelled);
        assertEq(usd.balanceOf(buyer), before + MAX, "full refund");
        assertEq(escrow.buyerRecord(buyer).cancelled, 1, "cancelled");
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Open, Tender.Status.Cancelled));
        vm.prank(buyer);
        escrow.cancel(jobId);
    }

    function test_cancel_byAnyoneAfterLapsePlusGrace_whenNobodyBid() public {
        uint256 jobId = postRFQ(ETH, Tender.AwardMode.LowestPrice);
        uint256 since = START + BIDDING + GRACE;
        vm.warp(since - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, since));
        vm.prank(stranger);
        escrow.cancel(jobId);
        vm.warp(since);
        vm.prank(stranger);
        escrow.cancel(jobId);
        assertStatus(jobId, Tender.Status.Cancelled);
    }

    function test_cancel_buyerChoiceWithBids_lapsesAtTheAwardDeadline() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.BuyerChoice);
        bidAs(s1, jobId, 700e6);
        uint256 lapse = START + BIDDING + AWARD_WINDOW;
        vm.warp(lapse - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, lapse));
        vm.prank(buyer);
        escrow.cancel(jobId);
        vm.warp(lapse);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, lapse + GRACE));
        vm.prank(stranger);
        escrow.cancel(jobId);
        vm.prank(buyer);
        escrow.cancel(jobId);
        assertStatus(jobId, Tender.Status.Cancelled);
    }

    function test_cancel_neverForLowestPriceWithBids() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, 700e6);
        vm.warp(START + 30 days);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.CannotCancelYet.selector, jobId, 0));
        vm.prank(buyer);
        escrow.cancel(jobId);
    }

    /*//////////////////////////////////////////////////////////////
                                  BONDS
    //////////////////////////////////////////////////////////////*/

    function bondedRfq(address token, Tender.AwardMode mode) internal returns (uint256 jobId, Tender.Floors memory floors) {
        floors = noFloors();
        floors.bondBps = 1_000;
        jobId = postRFQ(rfqOf(token, mode, floors));
        bidAs(s1, jobId, 700e6, floors, token);
        bidAs(s2, jobId, 600e6, floors, token);
    }

    function test_reclaimBond_byLosers_notByTheWinner() public {
        (uint256 jobId,) = bondedRfq(address(usd), Tender.AwardMode.LowestPrice);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s1));
        vm.prank(s1);
        escrow.reclaimBond(jobId); // bidding still open
        vm.warp(START + BIDDING);
        escrow.award(jobId);

        uint256 before = usd.balanceOf(s1);
        vm.expectEmit(address(escrow));
        emit ITenderMarket.BondReclaimed(jobId, s1, 100e6);
        vm.prank(s1);
        escrow.reclaimBond(jobId);
        assertEq(usd.balanceOf(s1), before + 100e6, "loser's bond back");
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s1));
        vm.prank(s1);
        escrow.reclaimBond(jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s2));
        vm.prank(s2);
        escrow.reclaimBond(jobId);
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.BondNotReclaimable.selector, jobId, s3));
        vm.prank(s3);
        escrow.reclaimBond(jobId);
    }

    function test_reclaimBond_afterCancel() public {
        (uint256 jobId,) = bondedRfq(ETH, Tender.AwardMode.BuyerChoice);
        vm.warp(START + BIDDING + AWARD_WINDOW);
        vm.prank(buyer);
        escrow.cancel(jobId);
        uint256 before = s2.balance;
        vm.prank(s2);
        escrow.reclaimBond(jobId);
        assertEq(s2.balance, before + 100e6, "bond back after a cancel");
    }

    function test_winnerBond_returnsWithPayment() public {
        (uint256 jobId,) = bondedRfq(address(usd), Tender.AwardMode.LowestPrice);
        vm.warp(START + BIDDING);
        escrow.award(jobId);
        vm.prank(s2);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        uint256 before = usd.balanceOf(s2);
        vm.prank(buyer);
        escrow.confirm(jobId, 4);
        uint256 fee = 600e6 * uint256(FEE_BPS) / 10_000;
        assertEq(usd.balanceOf(s2), before + 600e6 - fee + 100e6, "price minus fee, plus the bond");
        assertEq(escrow.bidOf(jobId, s2).bond, 0, "bond settled");
        Tender.SupplierRecord memory record = escrow.supplierRecord(s2);
        assertEq(record.won, 1, "won once, at award");
        assertEq(record.completed, 1, "completed");
    }

    function test_winnerBond_goesToBuyer_onDecline() public {
        (uint256 jobId,) = bondedRfq(address(usd), Tender.AwardMode.LowestPrice);
        vm.warp(START + BIDDING);
        escrow.award(jobId);
        uint256 before = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit ITenderEscrow.JobRefunded(jobId, true, 600e6, 100e6);
        vm.prank(s2);
        escrow.decline(jobId);
        assertEq(usd.balanceOf(buyer), before + 600e6 + 100e6, "price and bond to the buyer");
        assertEq(escrow.supplierRecord(s2).declined, 1, "a bidder's decline counts");
    }

    function test_winnerBond_goesToBuyer_onNonDelivery() public {
        (uint256 jobId,) = bondedRfq(ETH, Tender.AwardMode.LowestPrice);
        vm.warp(START + BIDDING);
        escrow.award(jobId);
        vm.warp(START + BIDDING + DELIVERY);
        uint256 before = buyer.balance;
        escrow.refund(jobId);
        assertEq(buyer.balance, before + 600e6 + 100e6, "price and bond to the buyer");
        assertEq(escrow.supplierRecord(s2).refunded, 1, "a bidder's non-delivery counts");
    }

    function test_rfq_withoutBond_finalizes() public {
        uint256 jobId = postRFQ(address(usd), Tender.AwardMode.LowestPrice);
        bidAs(s1, jobId, MAX); // at the maximum: nothing to refund at award
        vm.warp(START + BIDDING);
        escrow.award(jobId);
        vm.prank(s1);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.warp(block.timestamp + REVIEW);
        escrow.finalize(jobId);
        assertStatus(jobId, Tender.Status.Settled);
        assertEq(escrow.supplierRecord(s1).won, 1, "won once");
    }

    function test_views() public view {
        assertEq(escrow.supplierRegistry(), address(registry), "registry");
        assertEq(escrow.cancelGracePeriod(), GRACE, "grace");
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function expectRecordFloor(Tender.Floors memory floors, bytes32 name, uint256 required, uint256 actual) internal {
        uint256 jobId = postRFQ(rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors));
        vm.expectRevert(abi.encodeWithSelector(ITenderMarket.RecordFloorNotMet.selector, jobId, name, required, actual));
        bidAs(s1, jobId, 500e6, floors, address(usd));
    }

    /// @dev Disputes arrive with arbitration; until then the counters they write are set directly in storage to
    /// exercise the loss-share floor. The record's slot is found by writing a marker and reading it back.
    function setDisputes(address who, uint32 faced, uint32 lost) internal {
        Tender.SupplierRecord memory record = escrow.supplierRecord(who);
        uint256 packed = uint256(record.won) | uint256(record.completed) << 32 | uint256(record.declined) << 64
            | uint256(record.refunded) << 96 | uint256(faced) << 128 | uint256(lost) << 160
            | uint256(record.ratingSum) << 192 | uint256(record.ratingCount) << 224;
        for (uint256 i; i < 64; ++i) {
            bytes32 slot = keccak256(abi.encode(who, i));
            bytes32 old = vm.load(address(escrow), slot);
            vm.store(address(escrow), slot, bytes32(packed));
            if (escrow.supplierRecord(who).disputesFaced == faced) return;
            vm.store(address(escrow), slot, old);
        }
        revert("record slot not found");
    }
}
