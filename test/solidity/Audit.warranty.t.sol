// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITender} from "../../contracts/interfaces/ITender.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderMarket} from "../../contracts/interfaces/ITenderMarket.sol";
import {ITenderWarranty} from "../../contracts/interfaces/ITenderWarranty.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {MarketTest} from "./utils/MarketTest.sol";
import {RejectingParty} from "./mocks/Actors.sol";
import {ReentrantToken} from "./mocks/AdversarialTokens.sol";

/// @notice The log-recording cheatcodes (EDR implements them at the same address as the others).
interface VmLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory);
}

/// @notice Audit of the holdback and warranty change: the warranty module, the calldata-copy posting events, the
/// holdback in _settle. Its findings are fixed and kept here as regression tests (named for the behaviour they pin);
/// `test_DESIGN_*` shows a behaviour decided and documented (README); `test_SOUND_*` pin what was checked.
contract AuditWarrantyTest is MarketTest {
    VmLogs internal constant logs = VmLogs(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint32 internal constant WARRANTY = 30 days;
    uint16 internal constant HOLD_BPS = 1_000; // 10 % of PRICE = 10e6 held
    uint256 internal constant HELD = uint256(PRICE) * HOLD_BPS / 10_000;
    uint256 internal constant CLAIM_FEE = (HELD * 200 + 9_999) / 10_000; // the arbitrator's 200 bps, rounded up

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    function heldHire(address token, uint16 bps) internal view returns (Tender.DirectHire memory hire) {
        hire = hireOf(token);
        hire.warranty = Tender.Warranty({holdbackBps: bps, warrantyWindow: WARRANTY, holdBond: false});
    }

    /// @dev A direct hire with a holdback, delivered and confirmed: its payment 0 is held.
    function settledHeld(address token, uint16 bps) internal returns (uint256 jobId) {
        jobId = post(heldHire(token, bps));
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
    }

    function fileClaim(uint256 jobId, uint96 asked, address token) internal returns (uint256 fee) {
        Tender.Held memory h = escrow.heldOf(jobId, 0);
        fee = (uint256(h.amount + h.bond) * 200 + 9_999) / 10_000;
        vm.prank(buyer);
        escrow.claim{value: token == ETH ? fee : 0}(jobId, 0, asked, "ipfs://claim");
    }

    function answer(uint256 jobId, address token) internal {
        uint256 fee = escrow.claimOf(jobId, 0).fee;
        vm.prank(supplier);
        escrow.answerClaim{value: token == ETH ? fee : 0}(jobId, 0, "ipfs://answer");
    }

    /// @dev Money rule 1 with nothing left running: the escrow holds exactly the protocol fees and credits.
    function assertOnlyFeesLeft(address token, string memory what) internal view {
        uint256 owed = escrow.protocolFees(token) + escrow.credit(buyer, token) + escrow.credit(supplier, token)
            + escrow.credit(arbitrator, token);
        assertEq(balanceOf(token, address(escrow)), owed, what);
    }

    function findLog(VmLogs.Log[] memory all, bytes32 topic0) internal pure returns (VmLogs.Log memory found) {
        for (uint256 i; i < all.length; ++i) {
            if (all[i].topics.length != 0 && all[i].topics[0] == topic0) return all[i];
        }
        revert("log not found");
    }

    function word(bytes memory data, uint256 offset) internal pure returns (uint256 value) {
        assembly {
            value := mload(add(add(data, 0x20), offset))
        }
    }

    function slice(bytes memory data, uint256 from, uint256 to) internal pure returns (bytes memory out) {
        out = new bytes(to - from);
        for (uint256 i; i < out.length; ++i) {
            out[i] = data[from + i];
        }
    }

    /// @dev What an ABI decoder (here Solidity's own, strict in memory) makes of a DirectHirePosted log's data.
    function decodeDirectHirePosted(bytes calldata data)
        external
        pure
        returns (Tender.DirectHire memory hire, uint40 deliverBy, uint32 termsId_, uint16 feeBps)
    {
        return abi.decode(data, (Tender.DirectHire, uint40, uint32, uint16));
    }

    function decodeRFQPosted(bytes calldata data)
        external
        pure
        returns (Tender.RFQ memory rfq, uint40 awardDeadline, uint32 termsId_, uint16 feeBps)
    {
        return abi.decode(data, (Tender.RFQ, uint40, uint32, uint16));
    }

    /*//////////////////////////////////////////////////////////////
              F1: _logPosted copies calldata the contract never checked
    //////////////////////////////////////////////////////////////*/

    /// @notice Solidity's calldata decoder accepts a tail offset that is negative as a two's-complement number
    /// (its bound check is a signed `slt`), so `hire.spec` may live BEFORE the struct in calldata. A posting event
    /// copied from such calldata would carry the negative offset and no spec: no decoder can read it, and the
    /// indexer would stop at the job's next event. The escrow refuses the post (NonCanonicalPost): nothing moves.
    function test_negativeSpecOffset_isRefused() public {
        Tender.DirectHire memory hire = hireOf(address(usd));
        bytes memory canonical = abi.encode(hire); // 0x20 | tuple
        uint256 headSize = 13 * 0x20; // 8 words, the Warranty's 3 inline, category, spec offset
        bytes memory head = slice(canonical, 0x20, 0x20 + headSize);
        bytes memory specTail = slice(canonical, 0x20 + headSize, canonical.length); // length word + padded bytes
        uint256 gap = specTail.length;
        // spec's offset relative to the tuple: the string sits `gap` bytes before it.
        uint256 negative = type(uint256).max - gap + 1;
        assembly {
            mstore(add(add(head, 0x20), mul(12, 0x20)), negative)
        }
        bytes memory data = bytes.concat(
            ITenderEscrow.postDirectHire.selector, abi.encode(uint256(0x20 + gap)), specTail, head
        );

        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.prank(buyer);
        (bool ok, bytes memory returned) = address(escrow).call(data);
        assertFalse(ok, "the non-canonical post is refused");
        assertEq(keccak256(returned), keccak256(abi.encodeWithSelector(ITenderEscrow.NonCanonicalPost.selector)), "by name");
        assertEq(escrow.lastJobId(), 0, "no job");
        assertEq(usd.balanceOf(buyer), buyerBefore, "nothing moved");
        // The same hire, canonically encoded, posts.
        vm.prank(buyer);
        escrow.postDirectHire(hire);
        assertEq(escrow.lastJobId(), 1, "posted");
    }

    /// @notice A lowest-price RFQ's `awardWindow` was read only in buyer's-choice mode, so any 256-bit word there
    /// would have been copied into the posting event unchecked. It must now be 0 in lowest-price mode: a dirty word
    /// fails the decoder's check, a clean nonzero one is refused by name.
    function test_lowestPriceAwardWindow_isCheckedBeforeItIsLogged() public {
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, noFloors());
        bytes memory data = abi.encodeCall(ITenderMarket.postRFQ, (rfq));
        uint256 dirty = (uint256(1) << 40) | 1 days;
        // selector | 0x20 | token, maxPrice, bidDeadline, awardWindow ...
        assembly {
            mstore(add(add(data, 0x20), add(4, mul(4, 0x20))), dirty)
        }

        vm.prank(buyer);
        (bool ok,) = address(escrow).call(data);
        assertFalse(ok, "a dirty awardWindow is refused");
        rfq.awardWindow = 1 days;
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WindowOutOfRange.selector, 1 days, 0, 0));
        vm.prank(buyer);
        escrow.postRFQ(rfq);
        assertEq(escrow.lastJobId(), 0, "no job");
    }

    function ITenderMarket_RFQPosted() internal pure returns (bytes32) {
        return keccak256(
            "RFQPosted(uint256,address,(address,uint96,uint40,uint32,uint32,uint32,uint8,address,uint32,uint16,(uint16,uint32,bool),bytes32,(uint32,uint128,uint16,uint16,uint16,uint32,uint16,(address,uint8,bytes32,uint256)[]),string),uint40,uint32,uint16)"
        );
    }

    /// @notice A canonical post still logs exactly what was stored (the copy is sound for canonical calldata and for
    /// any layout with non-negative offsets, trailing bytes included: those are ignored by decoders).
    function test_SOUND_canonicalAndTrailingBytes_decodeToStoredValues() public {
        Tender.DirectHire memory hire = heldHire(address(usd), HOLD_BPS);
        bytes memory data = bytes.concat(abi.encodeCall(ITenderEscrow.postDirectHire, (hire)), bytes32(uint256(0xdead)));
        logs.recordLogs();
        vm.prank(buyer);
        (bool ok,) = address(escrow).call(data);
        assertTrue(ok, "posted");
        VmLogs.Log memory posted = findLog(logs.getRecordedLogs(), ITenderEscrow.DirectHirePosted.selector);
        (Tender.DirectHire memory logged,,,) = this.decodeDirectHirePosted(posted.data);
        assertEq(keccak256(bytes(logged.spec)), escrow.job(1).specHash, "spec");
        assertEq(uint256(logged.warranty.holdbackBps), HOLD_BPS, "holdback");
        assertEq(uint256(escrow.warrantyOf(1).warrantyWindow), WARRANTY, "stored warranty");
    }

    /*//////////////////////////////////////////////////////////////
             F2: an answered claim's loser walks away before the ruling
    //////////////////////////////////////////////////////////////*/

    /// @notice PROTOCOL.md: "The supplier may agree ... Otherwise it answers (paying the same fee)". Agreeing after
    /// answering would let a supplier front-run an adverse ruling and take back its fee and the held bond, leaving the
    /// arbitrator, who did the work, with nothing: refused.
    function test_agreeAfterAnswering_isRefused() public {
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        fileClaim(jobId, uint96(HELD), address(usd));
        answer(jobId, address(usd));
        vm.warp(block.timestamp + 1 days); // the arbitrator has weighed the evidence...
        uint256 arbBefore = usd.balanceOf(arbitrator);
        vm.prank(supplier); // ...and the supplier sees ruleClaim(jobId, 0, 10_000, ..) pending
        (bool agreed,) = address(escrow).call(abi.encodeCall(ITenderWarranty.agreeClaim, (jobId, 0)));
        if (agreed) {
            assertEq(usd.balanceOf(arbitrator) - arbBefore, 0, "(the arbitrator got nothing)");
        }
        assertFalse(agreed, "agree is the alternative to answering: after the answer only the arbitrator ends it");
    }

    /// @notice The buyer's side of the same: waive is allowed while a claim is open (PROTOCOL.md says so, both fees
    /// back), and it counts as a claim the buyer lost, so a buyer about to lose a ruling cannot dodge the count.
    function test_waiveBeforeAdverseRuling_countsAsAClaimLost() public {
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        uint256 buyerBefore = usd.balanceOf(buyer);
        fileClaim(jobId, uint96(HELD), address(usd));
        answer(jobId, address(usd));
        vm.prank(buyer);
        escrow.waive(jobId, 0);
        assertEq(usd.balanceOf(buyer), buyerBefore, "the buyer's fee came back in full");
        assertEq(uint256(escrow.buyerRecord(buyer).claimsLost), 1, "a claim lost");
        assertEq(uint256(escrow.buyerRecord(buyer).claimsOpened), 1, "one opened");
        assertEq(usd.balanceOf(arbitrator), 0, "the arbitrator worked for nothing");
    }

    /*//////////////////////////////////////////////////////////////
                   F3: returnHeld — timing and front-running
    //////////////////////////////////////////////////////////////*/

    /// @notice PROTOCOL.md: "Before it ends ... the supplier may return any part voluntarily". Without a deadline
    /// check, returnHeld would work at or after warrantyEndsAt, racing release. Harmless to others (only the
    /// supplier gives up money), but off-spec: refused.
    function test_returnHeldAfterWarrantyEnds_isRefused() public {
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        vm.warp(escrow.heldOf(jobId, 0).warrantyEndsAt);
        vm.prank(supplier);
        (bool ok,) = address(escrow).call(abi.encodeCall(ITenderWarranty.returnHeld, (jobId, 0, 1)));
        assertFalse(ok, "no return at or after warrantyEndsAt");
    }

    /// @notice A supplier front-running a buyer's claim for the whole held share with returnHeld(1) cannot make it
    /// revert (and so run the warranty out): a claim asking more than is held asks for all of it.
    function test_returnHeldFrontrun_cannotMakeAFullClaimFail() public {
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        vm.warp(escrow.heldOf(jobId, 0).warrantyEndsAt - 1);
        vm.prank(supplier);
        escrow.returnHeld(jobId, 0, 1);
        vm.prank(buyer);
        escrow.claim(jobId, 0, uint96(HELD), "ipfs://claim");
        assertEq(uint256(escrow.claimOf(jobId, 0).asked), HELD - 1, "asks for all that is held");
        assertEq(uint256(escrow.heldOf(jobId, 0).claim), uint256(Tender.ClaimStatus.Filed), "filed in time");
    }

    /*//////////////////////////////////////////////////////////////
                F4: the clawback floor's denominator is cheap to grow
    //////////////////////////////////////////////////////////////*/

    /// @notice A supplier with a clawback (1 of 1 = 10,000 bps) buys its way under a 5,000 floor by self-dealing:
    /// a 2-unit direct hire from its own second address with a 50 % holdback, a 1-unit claim (fee 1 unit) and a
    /// waive that returns the fee. Each round adds claimsFaced at the cost of gas only (protocol fee 0). Same class
    /// as the dispute-loss floor (disputesFaced); passes — the floor should count only claims that reached an
    /// outcome on a minimum stake, or the docs should say it is sybil-weak.
    function test_DESIGN_F4_claimsFacedInflatedForFree() public {
        // A real clawback first: the buyer claims, the supplier agrees.
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        fileClaim(jobId, 1, address(usd));
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        assertEq(uint256(escrow.claimRecord(supplier).clawedBack), 1, "clawed back once");

        address sock = makeAddr("sock");
        fund(sock);
        uint256 sockBefore = usd.balanceOf(sock);
        uint256 supplierBefore = usd.balanceOf(supplier);
        Tender.DirectHire memory hire = heldHire(address(usd), 5_000);
        hire.price = 2;
        vm.prank(sock);
        uint256 selfJob = escrow.postDirectHire(hire);
        vm.prank(supplier);
        escrow.deliver(selfJob, keccak256("w"), "ipfs://w");
        vm.startPrank(sock);
        escrow.confirm(selfJob, 5);
        escrow.claim(selfJob, 0, 1, "ipfs://x");
        escrow.waive(selfJob, 0);
        vm.stopPrank();

        Tender.ClaimRecord memory record = escrow.claimRecord(supplier);
        assertEq(uint256(record.claimsFaced), 2, "faced two");
        assertEq(uint256(record.clawedBack) * 10_000 / record.claimsFaced, 5_000, "share halved");
        assertEq(sockBefore + supplierBefore - usd.balanceOf(sock) - usd.balanceOf(supplier), 0, "for nothing");
    }

    /*//////////////////////////////////////////////////////////////
                                  SOUND
    //////////////////////////////////////////////////////////////*/

    /// @notice Money rule 1 and 2 for every way a held share ends, in the token and in ETH: after each, the escrow
    /// holds exactly the protocol fees (no credits here), and a second payout of the same payment reverts.
    function test_SOUND_everyOutcomePaysOnceAndConserves() public {
        address[2] memory tokens = [address(usd), ETH];
        for (uint256 t; t < 2; ++t) {
            address token = tokens[t];
            for (uint256 outcome; outcome < 9; ++outcome) {
                uint256 jobId = settledHeld(token, HOLD_BPS);
                uint40 endsAt = escrow.heldOf(jobId, 0).warrantyEndsAt;
                if (outcome == 0) {
                    vm.warp(endsAt);
                    escrow.release(jobId, 0);
                } else if (outcome == 1) {
                    vm.prank(buyer);
                    escrow.waive(jobId, 0);
                } else {
                    fileClaim(jobId, uint96(HELD / 3), token);
                    if (outcome == 2) {
                        vm.prank(supplier);
                        escrow.agreeClaim(jobId, 0);
                    } else if (outcome == 3) {
                        vm.warp(escrow.claimOf(jobId, 0).deadline);
                        escrow.settleClaim(jobId, 0);
                    } else if (outcome == 8) {
                        vm.prank(buyer);
                        escrow.waive(jobId, 0);
                    } else {
                        answer(jobId, token);
                        if (outcome == 4) {
                            vm.warp(escrow.claimOf(jobId, 0).deadline);
                            escrow.settleClaim(jobId, 0);
                        } else {
                            uint16 bps = outcome == 5 ? 10_000 : outcome == 6 ? 5_000 : 1;
                            vm.prank(arbitrator);
                            escrow.ruleClaim(jobId, 0, bps, bytes32(0));
                        }
                    }
                }
                assertOnlyFeesLeft(token, "only protocol fees left");
                vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
                escrow.release(jobId, 0);
                vm.expectRevert(abi.encodeWithSelector(ITenderWarranty.NothingHeld.selector, jobId, 0));
                vm.prank(buyer);
                escrow.waive(jobId, 0);
            }
        }
    }

    /// @notice Deadlines: claim before warrantyEndsAt, release at or after; answer and agree before respond-by,
    /// settle at or after; rule before rule-by.
    function test_SOUND_deadlineEdges() public {
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        uint40 endsAt = escrow.heldOf(jobId, 0).warrantyEndsAt;
        vm.warp(endsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, jobId, endsAt));
        escrow.release(jobId, 0);
        fileClaim(jobId, 1, address(usd)); // at endsAt - 1: accepted
        uint40 respondBy = escrow.claimOf(jobId, 0).deadline;
        vm.warp(respondBy);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, respondBy));
        vm.prank(supplier);
        escrow.answerClaim(jobId, 0, "late");
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, jobId, respondBy));
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        escrow.settleClaim(jobId, 0);

        uint256 second = settledHeld(address(usd), HOLD_BPS);
        uint40 endsAt2 = escrow.heldOf(second, 0).warrantyEndsAt;
        vm.warp(endsAt2);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, second, endsAt2));
        vm.prank(buyer);
        escrow.claim(second, 0, 1, "late");
        escrow.release(second, 0);

        uint256 third = settledHeld(address(usd), HOLD_BPS);
        fileClaim(third, 1, address(usd));
        vm.warp(escrow.claimOf(third, 0).deadline - 1);
        answer(third, address(usd));
        uint40 ruleBy = escrow.claimOf(third, 0).deadline;
        vm.warp(ruleBy - 1);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, third, ruleBy));
        escrow.settleClaim(third, 0);
        vm.warp(ruleBy);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, third, ruleBy));
        vm.prank(arbitrator);
        escrow.ruleClaim(third, 0, 10_000, bytes32(0));
        escrow.settleClaim(third, 0);
        assertOnlyFeesLeft(address(usd), "conserved");
    }

    /// @notice Roles: only the buyer claims and waives, only the supplier answers, agrees and returns, only the
    /// job's arbitrator rules; strangers, the owner and the arbitrator get the role errors.
    function test_SOUND_roles() public {
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        address[3] memory others = [stranger, owner, arbitrator];
        for (uint256 i; i < 3; ++i) {
            vm.startPrank(others[i]);
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, others[i]));
            escrow.claim(jobId, 0, 1, "x");
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, others[i]));
            escrow.waive(jobId, 0);
            vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, others[i]));
            escrow.returnHeld(jobId, 0, 1);
            vm.stopPrank();
        }
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotBuyer.selector, jobId, supplier));
        escrow.claim(jobId, 0, 1, "x");
        fileClaim(jobId, 1, address(usd));
        answer(jobId, address(usd));
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration_NotArbitrator(), jobId, buyer));
        vm.prank(buyer);
        escrow.ruleClaim(jobId, 0, 10_000, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration_NotArbitrator(), jobId, supplier));
        vm.prank(supplier);
        escrow.ruleClaim(jobId, 0, 0, bytes32(0));
    }

    function ITenderArbitration_NotArbitrator() internal pure returns (bytes4) {
        return bytes4(keccak256("NotArbitrator(uint256,address)"));
    }

    /// @notice The payable fallback keeps no stray ETH: plain ETH, ETH with a non-payable module function and ETH with
    /// a token job's claim all revert; the modules refuse to run on their own storage.
    function test_SOUND_fallbackKeepsNoStrayEth() public {
        uint256 jobId = settledHeld(address(usd), HOLD_BPS);
        vm.startPrank(buyer);
        (bool ok,) = address(escrow).call{value: 1}("");
        assertFalse(ok, "plain ETH");
        (ok,) = address(escrow).call{value: 1}(hex"aabbcc");
        assertFalse(ok, "short calldata");
        (ok,) = address(escrow).call{value: 1}(abi.encodeCall(ITenderWarranty.waive, (jobId, 0)));
        assertFalse(ok, "non-payable module function");
        (ok,) = address(escrow).call{value: 1}(abi.encodeCall(ITenderWarranty.heldOf, (jobId, 0)));
        assertFalse(ok, "view");
        (ok,) = address(escrow).call{value: 1}(abi.encodeCall(ITenderWarranty.claim, (jobId, 0, 1, "x")));
        assertFalse(ok, "token job claim with ETH");
        vm.stopPrank();
        address warranty = escrow.warrantyModule();
        (ok,) = warranty.call(abi.encodeCall(ITenderWarranty.release, (jobId, 0)));
        assertFalse(ok, "warranty module on its own storage");
        (ok,) = address(adminModule).call(abi.encodeCall(ITenderWarranty.release, (jobId, 0)));
        assertFalse(ok, "admin fallback on its own storage");
        assertEq(address(escrow).balance, 0, "no ETH in the escrow");
    }

    /// @notice A token hook re-entering the warranty module (release, on the same payment) from inside a payout is
    /// stopped by the shared transient lock; the payout goes ahead (the hook's revert is swallowed by the token).
    function test_SOUND_reentryFromTokenHookIsLocked() public {
        ReentrantToken re = new ReentrantToken();
        allowToken(address(re));
        re.mint(buyer, 1e30);
        vm.prank(buyer);
        re.approve(address(escrow), type(uint256).max);
        uint256 jobId = post(heldHire(address(re), HOLD_BPS));
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        vm.warp(escrow.heldOf(jobId, 0).warrantyEndsAt);
        re.arm(address(escrow), abi.encodeCall(ITenderWarranty.release, (jobId, 0)));
        escrow.release(jobId, 0);
        assertTrue(re.attempted(), "the hook ran");
        assertFalse(re.reentered(), "and was locked out");
        uint256 owed = escrow.protocolFees(address(re)) + escrow.credit(supplier, address(re));
        assertEq(re.balanceOf(address(escrow)), owed, "conserved");
    }

    /// @notice A refusing ETH receiver (buyer contract) gets a credit, not a stuck payout; the supplier is paid.
    function test_SOUND_refusingBuyerIsCredited() public {
        RejectingParty party = new RejectingParty();
        vm.deal(address(party), 10 ether);
        Tender.DirectHire memory hire = heldHire(ETH, HOLD_BPS);
        vm.prank(address(party));
        uint256 jobId = escrow.postDirectHire{value: PRICE}(hire);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(address(party));
        escrow.confirm(jobId, 5);
        vm.prank(address(party));
        escrow.claim{value: CLAIM_FEE}(jobId, 0, uint96(HELD), "x");
        vm.prank(supplier);
        escrow.agreeClaim(jobId, 0);
        assertEq(escrow.credit(address(party), ETH), HELD + CLAIM_FEE, "credited asked and fee");
        assertEq(address(escrow).balance, escrow.protocolFees(ETH) + HELD + CLAIM_FEE, "conserved");
    }

    /// @notice An even ruling with an odd fee: each side ⌊fee / 2⌋, the arbitrator the rest (fee + 1 of 2·fee).
    function test_SOUND_evenRulingOddFee() public {
        Tender.DirectHire memory hire = heldHire(address(usd), 5_000);
        hire.price = 1_001; // held 500, fee ⌈500 · 200 / 10,000⌉ = 10; make it odd with held 550
        hire.price = 1_100; // held 550, fee ⌈11⌉ = 11
        uint256 jobId = post(hire);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        fileClaim(jobId, 550, address(usd));
        assertEq(uint256(escrow.claimOf(jobId, 0).fee), 11, "fee rounded up");
        answer(jobId, address(usd));
        uint256 arbBefore = usd.balanceOf(arbitrator);
        vm.prank(arbitrator);
        escrow.ruleClaim(jobId, 0, 5_000, bytes32(0));
        assertEq(usd.balanceOf(arbitrator) - arbBefore, 12, "arbitrator: 2 * 11 - 2 * 5");
        assertOnlyFeesLeft(address(usd), "conserved");
    }

    /// @notice A price near 2^96: the held share, the bond and the claim fee fit their uint96 fields, nothing is
    /// truncated, and the money balances.
    function test_SOUND_priceNear2pow96() public {
        usd.mint(buyer, 2 * uint256(type(uint96).max));
        usd.mint(supplier, 2 * uint256(type(uint96).max));
        Tender.DirectHire memory hire = heldHire(address(usd), 5_000);
        hire.price = type(uint96).max;
        uint256 jobId = post(hire);
        vm.prank(supplier);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        uint256 held = uint256(type(uint96).max) / 2;
        assertEq(uint256(escrow.heldOf(jobId, 0).amount), held, "held");
        fileClaim(jobId, uint96(held), address(usd));
        assertEq(uint256(escrow.claimOf(jobId, 0).fee), (held * 200 + 9_999) / 10_000, "fee");
        answer(jobId, address(usd));
        vm.prank(arbitrator);
        escrow.ruleClaim(jobId, 0, 7_000, bytes32(0));
        assertOnlyFeesLeft(address(usd), "conserved");
    }

    /// @notice An RFQ that holds the bond: the bond leaves the bid at settlement (reclaimBond cannot take it again),
    /// rides with the held share, and goes to the buyer on an unanswered claim; money balances.
    function test_SOUND_heldBondPaidOnce() public {
        Tender.Floors memory floors = noFloors();
        floors.bondBps = 100; // 10e6 of MAX
        Tender.RFQ memory rfq = rfqOf(address(usd), Tender.AwardMode.LowestPrice, floors);
        rfq.warranty = Tender.Warranty({holdbackBps: 500, warrantyWindow: WARRANTY, holdBond: true});
        uint256 jobId = postRFQ(rfq);
        bidAs(s1, jobId, 200e6, floors, address(usd));
        vm.warp(block.timestamp + BIDDING);
        escrow.award(jobId);
        vm.prank(s1);
        escrow.deliver(jobId, keccak256("w"), "ipfs://w");
        vm.prank(buyer);
        escrow.confirm(jobId, 5);
        Tender.Held memory h = escrow.heldOf(jobId, 0);
        assertEq(uint256(h.amount), 10e6, "5 % of 200e6");
        assertEq(uint256(h.bond), 10e6, "bond up to the held share");
        vm.expectRevert();
        vm.prank(s1);
        escrow.reclaimBond(jobId);
        uint256 buyerBefore = usd.balanceOf(buyer);
        fileClaim(jobId, 1e6, address(usd));
        vm.warp(escrow.claimOf(jobId, 0).deadline);
        escrow.settleClaim(jobId, 0);
        assertEq(usd.balanceOf(buyer) - buyerBefore, 1e6 + 10e6, "asked and bond");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "conserved");
        assertEq(uint256(escrow.claimRecord(s1).clawedBack), 1, "a clawback");
    }
}
