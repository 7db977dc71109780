// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TenderEscrow} from "../../contracts/TenderEscrow.sol";
import {TenderMilestones} from "../../contracts/modules/TenderMilestones.sol";
import {ITender} from "../../contracts/interfaces/ITender.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderArbitration} from "../../contracts/interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMilestones} from "../../contracts/interfaces/ITenderMilestones.sol";
import {ITenderWarranty} from "../../contracts/interfaces/ITenderWarranty.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {WarrantyTest} from "./utils/WarrantyTest.sol";
import {ReentrantToken} from "./mocks/AdversarialTokens.sol";
import {RejectingParty} from "./mocks/Actors.sol";

/// @notice The storage-access cheatcodes (EDR implements them at the same address as the others).
interface VmAccesses {
    function record() external;
    function accesses(address target) external returns (bytes32[] memory reads, bytes32[] memory writes);
}

/// @notice A stand-in "milestones module" that answers `settings()` as the real one does, so the escrow's
/// constructor accepts it, and whose posting selector sends the escrow's whole ETH balance to `thief` (it runs by
/// `delegatecall` on the escrow's storage and balance, like the real module).
contract ThievingModule {
    address public immutable thief;

    constructor(address thief_) {
        thief = thief_;
    }

    function settings() external pure returns (uint32, uint32, uint32) {
        return (1 hours, 365 days, 3 days);
    }

    fallback(bytes calldata) external payable returns (bytes memory) {
        (bool ok,) = thief.call{value: address(this).balance}("");
        require(ok, "steal");
        return abi.encode(uint256(0));
    }
}

/// @notice Audit of the milestones change (TenderMilestones, the custody's `inParts` hand-off, the admin fallback's
/// posting route, EscrowPosting / EscrowRulings). `test_FINDING_*` tests are the findings and what answers them. `test_SOUND_*` tests pin a property that was checked and holds.
contract AuditMilestonesTest is WarrantyTest {
    VmAccesses internal constant vmAccess = VmAccesses(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev `_milestones` is declared right after `_claimRecords` in EscrowState (`_warranties` is slot 16).
    uint256 internal constant MILESTONES_SLOT = 20;
    uint32 internal constant W = 2 days; // DELIVERY

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function evenPlan(uint256 count) internal pure returns (Tender.Milestone[] memory ms) {
        ms = new Tender.Milestone[](count);
        uint256 left = 10_000;
        for (uint256 i; i < count; ++i) {
            uint16 share = i + 1 == count ? uint16(left) : uint16(10_000 / count);
            ms[i] = Tender.Milestone({shareBps: share, deliveryWindow: W});
            left -= share;
        }
    }

    function planOf(uint16[] memory shares) internal pure returns (Tender.Milestone[] memory ms) {
        ms = new Tender.Milestone[](shares.length);
        for (uint256 i; i < shares.length; ++i) {
            ms[i] = Tender.Milestone({shareBps: shares[i], deliveryWindow: W + uint32(i) * 1 hours});
        }
        ms[0].deliveryWindow = W;
    }

    function hireParts(Tender.DirectHire memory hire, Tender.Milestone[] memory ms) internal returns (uint256 jobId) {
        vm.prank(buyer);
        jobId = escrow.postDirectHireInMilestones{value: hire.token == ETH ? hire.price : 0}(hire, ms);
    }

    function rfqParts(uint96 winning, uint16 bondBps, Tender.Warranty memory w, Tender.Milestone[] memory ms)
        internal
        returns (uint256 jobId)
    {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = bondBps;
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors);
        rfq.warranty = w;
        vm.prank(buyer);
        jobId = escrow.postRFQInMilestones(rfq, ms);
        bidAs(s1, jobId, winning, floors, address(usd));
        vm.warp(block.timestamp + BIDDING);
        escrow.award(jobId);
    }

    function deliverBy(address who, uint256 jobId) internal {
        vm.prank(who);
        escrow.deliver(jobId, keccak256("part"), "ipfs://part");
    }

    /// @dev Confirms the milestone in progress, rating only the last.
    function confirmPart(uint256 jobId) internal {
        Tender.Milestones memory ms = escrow.milestonesOf(jobId);
        vm.prank(buyer);
        escrow.confirm(jobId, ms.current + 1 == ms.count ? 5 : 0);
    }

    function gross(uint256 price, Tender.Milestone[] memory ms, uint256 i, uint256 settledSoFar)
        internal
        pure
        returns (uint256)
    {
        return i + 1 == ms.length ? price - settledSoFar : price * ms[i].shareBps / 10_000;
    }

    /// @dev Delivers and confirms milestone `i` of an RFQ won by s1, checking its gross and its bond part.
    function payPart(uint256 jobId, uint96 winning, Tender.Milestone[] memory plan_, uint256 i, uint256 settled)
        internal
        returns (uint256 g)
    {
        uint256 left = escrow.bidOf(jobId, s1).bond;
        uint256 sharesLeft = 10_000 - ms_(jobId).settledBps;
        uint256 part = i + 1 == plan_.length ? left : left * plan_[i].shareBps / sharesLeft;
        g = gross(winning, plan_, i, settled);
        uint256 before = usd.balanceOf(s1);
        deliverBy(s1, jobId);
        confirmPart(jobId);
        assertEq(usd.balanceOf(s1) - before, g - g * FEE_BPS / 10_000 + part, "part paid, with its bond part");
        assertEq(escrow.bidOf(jobId, s1).bond, left - part, "bond drops by the part");
        assertGe(left, part, "never more than what is left");
    }

    function ms_(uint256 jobId) internal view returns (Tender.Milestones memory) {
        return escrow.milestonesOf(jobId);
    }

    /*//////////////////////////////////////////////////////////////
                                FINDINGS
    //////////////////////////////////////////////////////////////*/

    /// FINDING M-1 (low/medium, deployment trust), answered: the escrow accepts any contract as its milestones module
    /// as long as `settings()` answers the deployment's windows (it has no room to carry the module's code and compare
    /// it), and a module runs by `delegatecall` on the escrow's whole balance — so a deployment is trusted only once
    /// its module's code is verified. What makes that verification possible: the module's code depends on nothing
    /// but the deployment's settings (no immutable of its own address), so a module built again for the same
    /// settings has exactly the escrow's module's code (the SDK's verifyMilestonesModule compares them), and a
    /// thieving module does not.
    function test_FINDING_M1_theModulesCodeIsReproducible_soAThiefIsTold() public {
        TenderMilestones rebuilt = new TenderMilestones(MIN_WINDOW, MAX_WINDOW, RESPONSE);
        assertEq(escrow.milestonesModule().codehash, address(rebuilt).codehash, "the same code, built again");

        address thief = makeAddr("thief");
        ThievingModule evil = new ThievingModule(thief);
        ITender victim = ITender(
            address(
                new TenderEscrow(
                    owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, registry, GRACE, RESPONSE, TenderMilestones(address(evil)), signedModule
                )
            )
        );
        assertTrue(victim.milestonesModule().codehash != address(rebuilt).codehash, "a thief's module is told apart");
    }

    /*//////////////////////////////////////////////////////////////
                     MONEY: PARTS, ROUNDING, REMAINDERS
    //////////////////////////////////////////////////////////////*/

    /// Eight milestones, seven of 1 bps, on a price too small for any of them to be worth a unit: each pays
    /// ⌊price × 1 / 10,000⌋ = 0, the last the whole price; nothing is lost or created.
    function test_SOUND_eightMilestones_oneBpsShares_tinyPrice_lastTakesAll() public {
        uint16[] memory shares = new uint16[](8);
        for (uint256 i; i < 7; ++i) shares[i] = 1;
        shares[7] = 9_993;
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.price = 9_999;
        uint256 jobId = hireParts(hire, planOf(shares));
        uint256 supplierBefore = usd.balanceOf(supplier);
        for (uint256 i; i < 8; ++i) {
            assertEq(ms_(jobId).current, i, "milestone in progress");
            deliverBy(supplier, jobId);
            confirmPart(jobId);
        }
        uint256 fee = escrow.protocolFees(address(usd));
        assertEq(fee, uint256(9_999) * FEE_BPS / 10_000, "fee on the last only (the others are 0)");
        assertEq(usd.balanceOf(supplier) - supplierBefore + fee, 9_999, "parts sum to the price");
        assertEq(usd.balanceOf(address(escrow)), fee, "nothing else left");
        assertStatus(jobId, Tender.Status.Settled);
    }

    /// Fuzzed schedules (2–8 milestones, shares 1–1,250 bps but the last), prices and bonds: every part is
    /// ⌊price × share⌋ but the last (the remainder), the bond parts ⌊left × share / shares left⌋ but the last (all
    /// that is left), each never more than what is left; supplier + fees = winning price + bond exactly.
    function testFuzz_SOUND_partsAndBondParts_sumExactly(uint96 winning, uint16 bondBps, uint256 seed) public {
        winning = uint96(bound(winning, 1, MAX));
        bondBps = uint16(bound(bondBps, 0, 10_000));
        uint256 count = 2 + seed % 7;
        uint16[] memory shares = new uint16[](count);
        uint256 total;
        for (uint256 i; i + 1 < count; ++i) {
            shares[i] = uint16(1 + uint256(keccak256(abi.encode(seed, i))) % 1_250);
            total += shares[i];
        }
        shares[count - 1] = uint16(10_000 - total);
        Tender.Milestone[] memory plan_ = planOf(shares);
        uint256 jobId = rfqParts(winning, bondBps, warrantyOf(0, 0, false), plan_);
        uint256 bond = escrow.bidOf(jobId, s1).bond;
        assertEq(bond, uint256(MAX) * bondBps / 10_000, "bond staked");

        uint256 s1Before = usd.balanceOf(s1);
        uint256 feesBefore = escrow.protocolFees(address(usd));
        uint256 settled;
        for (uint256 i; i < count; ++i) settled += payPart(jobId, winning, plan_, i, settled);
        assertEq(settled, winning, "parts sum to the winning price");
        assertEq(
            usd.balanceOf(s1) - s1Before + escrow.protocolFees(address(usd)) - feesBefore,
            uint256(winning) + bond,
            "supplier + fees = price + bond"
        );
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
    }

    /// A settled milestone is never paid twice: after its confirm the job is Awarded for the next one, so a second
    /// confirm or a finalize of it fails, and the supplier was paid exactly its part once.
    function test_SOUND_settledMilestone_neverPaidTwice() public {
        uint256 jobId = hireParts(hireOf(address(usd)), evenPlan(3));
        deliverBy(supplier, jobId);
        uint256 before = usd.balanceOf(supplier);
        confirmPart(jobId);
        uint256 g = uint256(PRICE) * 3_333 / 10_000;
        assertEq(usd.balanceOf(supplier) - before, g - g * FEE_BPS / 10_000, "paid once");
        vm.prank(buyer);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Delivered, Tender.Status.Awarded));
        escrow.confirm(jobId, 0);
        vm.warp(block.timestamp + REVIEW);
        vm.expectRevert(wrongStatus(jobId, Tender.Status.Delivered, Tender.Status.Awarded));
        escrow.finalize(jobId);
        assertEq(ms_(jobId).settled, g, "settled once");
        assertEq(ms_(jobId).settledBps, 3_333, "its share once");
    }

    /// An early end after two of four milestones refunds exactly the unsettled rest (price − settled, the
    /// rounding included) and the whole rest of the bond, and no other job's money moves.
    function test_SOUND_earlyEnd_refundsExactlyTheUnsettledRest_andTheBondLeft() public {
        uint16[] memory shares = new uint16[](4);
        shares[0] = 3_333;
        shares[1] = 1;
        shares[2] = 3_333;
        shares[3] = 3_333;
        uint96 winning = 777_777;
        uint256 jobId = rfqParts(winning, 1_000, warrantyOf(0, 0, false), planOf(shares));
        uint256 bond = escrow.bidOf(jobId, s1).bond;
        deliverBy(s1, jobId);
        confirmPart(jobId);
        deliverBy(s1, jobId);
        confirmPart(jobId);
        uint256 settled = uint256(winning) * 3_333 / 10_000 + uint256(winning) * 1 / 10_000;
        assertEq(ms_(jobId).settled, settled, "two parts settled");
        uint256 bondLeft = escrow.bidOf(jobId, s1).bond;
        assertEq(bondLeft, bond - bond * 3_333 / 10_000 - (bond - bond * 3_333 / 10_000) * 1 / 6_667, "bond left");

        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.warp(escrow.job(jobId).deadline);
        vm.prank(stranger);
        escrow.refund(jobId);
        assertEq(usd.balanceOf(buyer) - buyerBefore, winning - settled + bondLeft, "the rest and the bond's rest");
        assertEq(escrow.bidOf(jobId, s1).bond, 0, "bond gone from the books");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
        assertEq(escrow.supplierRecord(s1).refunded, 1, "refunded once");
        assertEq(escrow.supplierRecord(s1).completed, 0, "not completed");
        assertEq(escrow.completedVolume(s1, address(usd)), settled, "the paid parts in the volume");
    }

    /*//////////////////////////////////////////////////////////////
                            ROLES AND DEADLINES
    //////////////////////////////////////////////////////////////*/

    /// Every edge of a milestone's clock: deliver until deadline − 1 (not at it), refund from the deadline (not
    /// before), confirm/dispute until review end − 1, finalize from it; the next milestone's deadline counts from
    /// the settlement (a late finalize gives the supplier the full next window).
    function test_SOUND_deadlineEdges_perMilestone() public {
        uint256 jobId = hireParts(hireOf(address(usd)), evenPlan(3));
        uint40 deadline = escrow.job(jobId).deadline;
        assertEq(deadline, START + W, "first window from the posting");

        vm.warp(deadline - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, deadline));
        escrow.refund(jobId);
        deliverBy(supplier, jobId);
        uint40 reviewEnd = escrow.job(jobId).deadline;
        assertEq(reviewEnd, deadline - 1 + REVIEW, "review window from the delivery");

        vm.warp(reviewEnd - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, reviewEnd));
        escrow.finalize(jobId);
        vm.warp(reviewEnd);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, reviewEnd));
        escrow.confirm(jobId, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, reviewEnd));
        escrow.dispute(jobId, "late");
        vm.warp(reviewEnd + 5 days); // a late finalize, by anyone
        vm.prank(stranger);
        escrow.finalize(jobId);
        uint40 next = escrow.job(jobId).deadline;
        assertEq(next, reviewEnd + 5 days + W, "next window from the settlement");
        assertFalse(escrow.job(jobId).answered, "fresh");

        vm.warp(next);
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, next));
        escrow.deliver(jobId, keccak256("late"), "ipfs://late");
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, next));
        escrow.decline(jobId);
        vm.prank(stranger);
        escrow.refund(jobId);
        assertStatus(jobId, Tender.Status.Refunded);
    }

    /// Only the named roles move a milestone: a stranger (or the other party) cannot deliver, decline, confirm,
    /// dispute, respond or rule; only the job's arbitrator rules.
    function test_SOUND_roles_perMilestone() public {
        uint256 jobId = hireParts(hireOf(address(usd)), evenPlan(2));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        escrow.deliver(jobId, keccak256("x"), "x");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, stranger));
        escrow.decline(jobId);
        deliverBy(supplier, jobId);
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, supplier));
        escrow.confirm(jobId, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, stranger));
        escrow.dispute(jobId, "x");
        vm.prank(buyer);
        escrow.dispute(jobId, "why");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, buyer));
        escrow.respond(jobId, "x");
        vm.prank(supplier);
        escrow.respond(jobId, "answer");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.NotArbitrator.selector, jobId, buyer));
        escrow.rule(jobId, 10_000, bytes32(0));
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.AlreadyAnswered.selector, jobId));
        escrow.respond(jobId, "again");
    }

    /*//////////////////////////////////////////////////////////////
                                 DISPUTES
    //////////////////////////////////////////////////////////////*/

    /// Disputes per milestone: each fee is the arbitrator's bps of that milestone's gross (the last's the
    /// remainder), `answered` is reset for the next milestone, a second dispute is fresh; an even ruling splits
    /// the fees with the odd unit to the arbitrator; all money accounted.
    function test_SOUND_disputesPerMilestone_feeOnGross_freshEachTime() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        hire.price = 1_000_001;
        uint256 jobId = hireParts(hire, evenPlan(3)); // 3,333 / 3,333 / 3,334
        uint256 g0 = uint256(1_000_001) * 3_333 / 10_000;

        deliverBy(supplier, jobId);
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.prank(buyer);
        escrow.dispute(jobId, "why");
        uint256 fee0 = g0 * ARB_FEE_BPS / 10_000;
        assertEq(buyerBefore - usd.balanceOf(buyer), fee0, "fee on milestone 0's gross");
        vm.prank(supplier);
        escrow.respond(jobId, "answer");
        vm.prank(arbitrator);
        escrow.rule(jobId, 5_000, bytes32(0));
        assertEq(ms_(jobId).current, 1, "went on");
        assertFalse(escrow.job(jobId).answered, "answered reset");

        // Milestone 1 disputed and left unanswered: the supplier lost it, the job ends.
        deliverBy(supplier, jobId);
        buyerBefore = usd.balanceOf(buyer);
        vm.prank(buyer);
        escrow.dispute(jobId, "again");
        uint256 fee1 = g0 * ARB_FEE_BPS / 10_000;
        assertEq(buyerBefore - usd.balanceOf(buyer), fee1, "a fresh fee on milestone 1");
        vm.warp(escrow.job(jobId).deadline);
        buyerBefore = usd.balanceOf(buyer);
        escrow.settleDispute(jobId);
        assertEq(
            usd.balanceOf(buyer) - buyerBefore,
            g0 + fee1 + (1_000_001 - 2 * g0),
            "milestone 1 all back, its fee back, milestone 2 refunded"
        );
        assertStatus(jobId, Tender.Status.Refunded);
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only fees left");
        assertEq(escrow.supplierRecord(supplier).disputesFaced, 2, "two disputes faced");
        assertEq(escrow.supplierRecord(supplier).refunded, 1, "ended early once");
    }

    /*//////////////////////////////////////////////////////////////
                                 HOLDBACK
    //////////////////////////////////////////////////////////////*/

    /// Each milestone settled by confirm holds its share as payment i; after the job ended early the held shares
    /// stay claimable (before their warranty ends) and releasable (after); an unsettled milestone holds nothing.
    function test_SOUND_holdback_paymentIndexes_claimAndReleaseAfterTheJobEnded() public {
        Tender.DirectHire memory hire = heldHireOf(address(usd), PRICE, HOLD_BPS);
        uint256 jobId = hireParts(hire, evenPlan(3));
        deliverBy(supplier, jobId);
        confirmPart(jobId);
        uint40 ends0 = uint40(block.timestamp + WARRANTY);
        vm.warp(block.timestamp + 1 hours);
        deliverBy(supplier, jobId);
        confirmPart(jobId);
        uint256 g = uint256(PRICE) * 3_333 / 10_000;
        uint256 held = g * HOLD_BPS / 10_000;
        assertEq(escrow.heldOf(jobId, 0).amount, held, "payment 0 held");
        assertEq(escrow.heldOf(jobId, 1).amount, held, "payment 1 held");
        assertEq(escrow.heldOf(jobId, 0).warrantyEndsAt, ends0, "its own warranty");
        // Milestone 2 missed: the job ends, the held shares stay.
        vm.warp(escrow.job(jobId).deadline);
        escrow.refund(jobId);
        assertEq(escrow.heldOf(jobId, 2).amount, 0, "nothing held for the unsettled one");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 2));
        escrow.claim(jobId, 2, 1, "x");

        uint256 fee = claimFeeOf(held);
        vm.prank(buyer);
        escrow.claim(jobId, 1, uint96(held), "ipfs://claim");
        assertEq(escrow.claimOf(jobId, 1).fee, fee, "claim fee on payment 1's stake");
        vm.warp(ends0);
        uint256 supplierBefore = usd.balanceOf(supplier);
        escrow.release(jobId, 0);
        assertEq(usd.balanceOf(supplier) - supplierBefore, held - held * FEE_BPS / 10_000, "payment 0 released");
        vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.ClaimOpen.selector, jobId, 1));
        escrow.release(jobId, 1);
        assertEq(
            usd.balanceOf(address(escrow)),
            escrow.protocolFees(address(usd)) + held + fee,
            "only fees, payment 1's held share and its claim fee left"
        );
    }

    /*//////////////////////////////////////////////////////////////
                      REENTRANCY, REACH, STORAGE, PLAIN PATH
    //////////////////////////////////////////////////////////////*/

    /// The module takes the escrow's lock: a hostile token re-entering from inside a milestone's payment (to
    /// finalize, refund, confirm or settle a dispute of a job in milestones) is refused by the same transient guard.
    function test_SOUND_reentrancy_throughAHostileToken_isRefusedInTheModule() public {
        ReentrantToken evil = new ReentrantToken();
        allowToken(address(evil));
        evil.mint(buyer, 1e24);
        vm.prank(buyer);
        evil.approve(address(escrow), type(uint256).max);
        Tender.DirectHire memory hire = hireOf(address(evil));
        uint256 target = hireParts(hire, evenPlan(2));
        bytes[5] memory payloads = [
            abi.encodeCall(ITenderEscrow.finalize, (target)),
            abi.encodeCall(ITenderEscrow.confirm, (target, 0)),
            abi.encodeCall(ITenderEscrow.refund, (target)),
            abi.encodeCall(ITenderEscrow.decline, (target)),
            abi.encodeCall(ITenderArbitration.settleDispute, (target))
        ];
        for (uint256 i; i < payloads.length; ++i) {
            uint256 jobId = hireParts(hire, evenPlan(2));
            deliverBy(supplier, jobId);
            evil.arm(address(escrow), payloads[i]);
            vm.prank(buyer);
            escrow.confirm(jobId, 0); // pays milestone 0: the token calls back from inside the push
            assertTrue(evil.attempted(), "the token re-entered");
            assertFalse(evil.reentered(), "and was refused");
            assertEq(bytes4(evil.reentryError()), bytes4(keccak256("ReentrancyGuardReentrantCall()")), "by the lock");
            assertEq(ms_(jobId).current, 1, "the paying milestone went through");
        }
    }

    /// The module is reached only through the escrow: every job action and posting called on the module itself
    /// fails `NotDelegated` (its own storage is never used), and the admin module refuses the posting selectors
    /// when called directly.
    function test_SOUND_moduleReachedOnlyThroughTheEscrow() public {
        uint256 jobId = hireParts(hireOf(address(usd)), evenPlan(2));
        TenderMilestones m = milestonesModule;
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.deliver(jobId, keccak256("x"), "x");
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.decline(jobId);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.refund(jobId);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.finalize(jobId);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.dispute(jobId, "x");
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.respond(jobId, "x");
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.rule(jobId, 0, bytes32(0));
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.settleDispute(jobId);
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        m.postRFQInMilestones(rfqOf(address(usd), Tender.AwardMode.LowestPrice, noFloors()), evenPlan(2));
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        ITender(address(adminModule)).postDirectHireInMilestones(hireOf(address(usd)), evenPlan(2));
        assertEq(usd.balanceOf(address(m)), 0, "the module holds nothing");
    }

    /// Storage layout agreement: the schedule the module writes is where the escrow's (admin's) view reads it, at
    /// the mapping declared last in EscrowState (slot 20): count, current, settledBps, settled in the first word,
    /// the shares in the second, the windows in the third.
    function test_SOUND_storageLayout_milestonesAtTheirSlot() public {
        Tender.Milestone[] memory plan_ = evenPlan(4);
        uint256 jobId = hireParts(hireOf(address(usd)), plan_);
        deliverBy(supplier, jobId);
        confirmPart(jobId);
        bytes32 base = keccak256(abi.encode(jobId, MILESTONES_SLOT));
        uint256 w0 = uint256(vm.load(address(escrow), base));
        Tender.Milestones memory ms = ms_(jobId);
        assertEq(w0 & 0xff, 4, "count");
        assertEq((w0 >> 8) & 0xff, 1, "current");
        assertEq((w0 >> 16) & 0xffff, 2_500, "settledBps");
        assertEq((w0 >> 32) & type(uint96).max, ms.settled, "settled");
        uint256 w1 = uint256(vm.load(address(escrow), bytes32(uint256(base) + 1)));
        assertEq(w1 & 0xffff, 2_500, "share 0");
        uint256 w2 = uint256(vm.load(address(escrow), bytes32(uint256(base) + 2)));
        assertEq(w2 & 0xffffffff, W, "window 0");
        assertEq(uint256(vm.load(address(escrow), bytes32(uint256(base) + 3))), 0, "three slots only");
    }

    /// The plain path reads and writes no milestone slot: a plain direct hire's post, deliver, dispute, respond,
    /// rule and a plain RFQ's life touch none of `_milestones[jobId]`'s three slots (the hand-off check reads the
    /// job's first slot, which every action reads anyway).
    function test_SOUND_plainJobs_touchNoMilestoneSlot() public {
        vmAccess.record();
        uint256 jobId = postAndDeliver(address(usd));
        vm.prank(buyer);
        escrow.dispute(jobId, "why");
        vm.prank(supplier);
        escrow.respond(jobId, "answer");
        vm.prank(arbitrator);
        escrow.rule(jobId, 4_000, bytes32(0));
        uint256 second = postAndDeliver(address(usd));
        vm.prank(buyer);
        escrow.confirm(second, 5);
        uint256 third = post(address(usd));
        vm.warp(block.timestamp + DELIVERY);
        escrow.refund(third);
        (bytes32[] memory reads, bytes32[] memory writes) = vmAccess.accesses(address(escrow));
        uint256[3] memory ids = [jobId, second, third];
        for (uint256 j; j < 3; ++j) {
            uint256 base = uint256(keccak256(abi.encode(ids[j], MILESTONES_SLOT)));
            for (uint256 i; i < reads.length; ++i) {
                uint256 s = uint256(reads[i]);
                assertTrue(s < base || s > base + 2, "no milestone slot read");
            }
            for (uint256 i; i < writes.length; ++i) {
                uint256 s = uint256(writes[i]);
                assertTrue(s < base || s > base + 2, "no milestone slot written");
            }
        }
        assertGt(reads.length, 0, "accesses were recorded");
    }

    /// Griefing: a supplier that refuses ETH (or burns all the gas it is sent) cannot block the buyer's milestone
    /// confirmations, disputes or the early end; a buyer that does the same cannot block the supplier's payments.
    /// Every payment to them waits as a credit.
    function test_SOUND_griefing_refusingOrGasBurningParties_blockOnlyThemselves() public {
        RejectingParty party = new RejectingParty();
        party.setBurnGas(true);
        Tender.DirectHire memory hire = hireOf(ETH);
        hire.supplier = address(party);
        uint256 jobId = hireParts(hire, evenPlan(3));
        party.exec(address(escrow), 0, abi.encodeCall(ITenderEscrow.deliver, (jobId, keccak256("w"), "ipfs://w")));
        confirmPart(jobId); // milestone 0 paid to a receiver that burns its gas: credited
        uint256 g = uint256(PRICE) * 3_333 / 10_000;
        assertEq(escrow.credit(address(party), ETH), g - g * FEE_BPS / 10_000, "credited, not blocking");
        vm.warp(escrow.job(jobId).deadline);
        escrow.refund(jobId); // the buyer gets the rest regardless
        assertStatus(jobId, Tender.Status.Refunded);

        // The other way round: a buyer that burns gas on ETH it receives.
        RejectingParty payer = new RejectingParty();
        payer.setBurnGas(true);
        vm.deal(address(payer), 10 ether);
        Tender.DirectHire memory h2 = hireOf(ETH);
        h2.arbitratorTermsId = termsId;
        uint256 job2 = abi.decode(
            payer.exec(
                address(escrow), PRICE, abi.encodeCall(ITenderMilestones.postDirectHireInMilestones, (h2, evenPlan(2)))
            ),
            (uint256)
        );
        deliverBy(supplier, job2);
        vm.warp(escrow.job(job2).deadline);
        escrow.finalize(job2);
        deliverBy(supplier, job2);
        vm.warp(escrow.job(job2).deadline);
        uint256 before = supplier.balance;
        escrow.finalize(job2);
        assertEq(supplier.balance - before, PRICE / 2 - (PRICE / 2) * FEE_BPS / 10_000, "the supplier is paid");
        assertStatus(job2, Tender.Status.Settled);
    }

    /// The owner's pause stops posting in milestones too (both routes), and touches no running milestone job.
    function test_SOUND_pause_stopsMilestonePosts_notRunningJobs() public {
        uint256 jobId = hireParts(hireOf(address(usd)), evenPlan(2));
        vm.prank(owner);
        escrow.setPostingPaused(true);
        Tender.DirectHire memory hire = hireOf(address(usd));
        vm.prank(buyer);
        vm.expectRevert(ITenderEscrow.PostingPaused.selector);
        escrow.postDirectHireInMilestones(hire, evenPlan(2));
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, noFloors());
        vm.prank(buyer);
        vm.expectRevert(ITenderEscrow.PostingPaused.selector);
        escrow.postRFQInMilestones(rfq, evenPlan(2));
        deliverBy(supplier, jobId);
        confirmPart(jobId);
        deliverBy(supplier, jobId);
        confirmPart(jobId);
        assertStatus(jobId, Tender.Status.Settled);
    }

    /*//////////////////////////////////////////////////////////////
                             RECORDS AND GAS
    //////////////////////////////////////////////////////////////*/

    /// Records once: a direct hire in milestones is won at its first delivery only, completed and paid once at the
    /// last settlement, its volume the price; a direct hire declined at its first milestone writes nothing, at a
    /// later one a decline.
    function test_SOUND_records_onceEach() public {
        uint256 jobId = hireParts(hireOf(address(usd)), evenPlan(4));
        for (uint256 i; i < 4; ++i) {
            deliverBy(supplier, jobId);
            assertEq(escrow.supplierRecord(supplier).won, 1, "won once, at the first delivery");
            confirmPart(jobId);
        }
        Tender.SupplierRecord memory r = escrow.supplierRecord(supplier);
        assertEq(r.completed, 1, "completed once");
        assertEq(r.ratingCount, 1, "rated once");
        assertEq(escrow.buyerRecord(buyer).paid, 1, "paid once");
        assertEq(escrow.completedVolume(supplier, address(usd)), PRICE, "volume = price");

        uint256 d0 = hireParts(hireOf(address(usd)), evenPlan(2));
        vm.prank(supplier);
        escrow.decline(d0);
        assertEq(escrow.supplierRecord(supplier).declined, 0, "first milestone: no record");
        uint256 d1 = hireParts(hireOf(address(usd)), evenPlan(2));
        deliverBy(supplier, d1);
        confirmPart(d1);
        vm.prank(supplier);
        escrow.decline(d1);
        r = escrow.supplierRecord(supplier);
        assertEq(r.declined, 1, "a later milestone: declined");
        assertEq(r.won, 2, "won at its first delivery");
        assertEq(r.completed, 1, "not completed");
    }

    /// No loop grows with milestones: settling milestone 7 of 8 costs about what milestone 0 costs (one slot per
    /// schedule, addressed by index).
    function test_SOUND_gas_doesNotGrowWithTheMilestoneIndex() public {
        uint256 jobId = hireParts(hireOf(address(usd)), evenPlan(8));
        uint256 first;
        uint256 seventh;
        for (uint256 i; i < 7; ++i) {
            deliverBy(supplier, jobId);
            vm.prank(buyer);
            uint256 g = gasleft();
            escrow.confirm(jobId, 0);
            g -= gasleft();
            if (i == 0) first = g;
            if (i == 6) seventh = g;
        }
        assertLt(seventh, first + 5_000, "a later milestone costs no more");
    }
}
